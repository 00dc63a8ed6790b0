import Contracts
import Foundation
import Redis
import Testing
import TestSupport

/// The behaviour every `ProjectService` must show, whoever implements it and whatever lies in between.
@Suite("ProjectService conformance")
struct ProjectServiceConformanceTests {
    @Test(arguments: ProjectServiceTarget.allCases)
    func createFindAndList(_ target: ProjectServiceTarget) async throws {
        try await target.withService { service, fixture in
            let owner = try await fixture.signIn("owner")
            let created = try await service.create(CreateProjectRequest(name: "  Compiler  ", description: "A toy compiler."), caller: owner.caller)
            #expect(created.name == "Compiler")
            #expect(created.description == "A toy compiler.")
            #expect(created.ownerId == owner.id)
            #expect(created.collaborators.isEmpty)
            #expect(created.status == .active)
            #expect(created.version == 1)
            #expect(created.createdAt == created.updatedAt)
            #expect(created.lock == nil)

            let bare = try await service.create(CreateProjectRequest(name: "No description"), caller: owner.caller)
            #expect(bare.description == "")

            #expect(try await service.findById(created.id, caller: owner.caller) == created)
            let page = try await service.list(PageRequest(), caller: owner.caller)
            // Timestamps are whole seconds; within one second the order is by id.
            #expect(Set(page.items.map(\.id)) == [created.id, bare.id])
            #expect(page.items.first { $0.id == created.id } == created)
            #expect(page.nextCursor == nil)
        }
    }

    @Test(arguments: ProjectServiceTarget.allCases)
    func listPagesThroughOwnedAndCollaboratingProjects(_ target: ProjectServiceTarget) async throws {
        try await target.withService { service, fixture in
            let ada = try await fixture.signIn("ada")
            let bob = try await fixture.signIn("bob")
            var expected: [UUID] = []
            for index in 0..<3 {
                expected.append(try await service.create(CreateProjectRequest(name: "Ada \(index)"), caller: ada.caller).id)
            }
            let shared = try await service.create(CreateProjectRequest(name: "Bob shares"), caller: bob.caller)
            _ = try await service.create(CreateProjectRequest(name: "Bob keeps"), caller: bob.caller)
            try await service.addCollaborator(shared.id, AddCollaboratorRequest(userId: ada.id), caller: bob.caller)
            expected.append(shared.id)

            var seen: [Project] = []
            var cursor: String?
            var pages = 0
            repeat {
                let page = try await service.list(PageRequest(limit: 2, cursor: cursor), caller: ada.caller)
                #expect(page.items.count <= 2)
                seen += page.items
                cursor = page.nextCursor
                pages += 1
            } while cursor != nil && pages < 10
            #expect(pages == 2)
            #expect(Set(seen.map(\.id)) == Set(expected))
            #expect(seen.count == expected.count)
            let order = seen.map { ($0.createdAt, $0.id.uuidString.lowercased()) }
            #expect(zip(order, order.dropFirst()).allSatisfy { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) })
            #expect(seen.first { $0.id == shared.id }?.collaborators == [ada.id])

            let bobs = try await service.list(PageRequest(limit: 100), caller: bob.caller)
            #expect(bobs.items.count == 2)

            let badCursor = await expectAppError(.validationFailed) { _ = try await service.list(PageRequest(cursor: "not-a-cursor"), caller: ada.caller) }
            #expect(badCursor?.details?["field"] == .string("cursor"))
            let badLimit = await expectAppError(.validationFailed) { _ = try await service.list(PageRequest(limit: 0), caller: ada.caller) }
            #expect(badLimit?.details?["field"] == .string("limit"))
        }
    }

    @Test(arguments: ProjectServiceTarget.allCases)
    func updatesNeedTheCallersLiveClaimAndTheCurrentVersion(_ target: ProjectServiceTarget) async throws {
        try await target.withService { service, fixture in
            let owner = try await fixture.signIn("owner")
            let editor = try await fixture.signIn("editor")
            let project = try await fixture.project(of: owner, collaborators: [editor])
            let change = UpdateProjectRequest(name: "Renamed", description: "New words", status: .archived)

            // No one holds it: a claim is required first.
            await expectAppError(.claimRequired) { _ = try await service.update(project.id, change, claimToken: nil, expectedVersion: nil, caller: owner.caller) }

            let claim = try await service.claim(project.id, ClaimRequest(ttlSeconds: 60), caller: editor.caller)
            // Someone else holds it: locked, naming the holder.
            let locked = await expectAppError(.resourceLocked) {
                _ = try await service.update(project.id, change, claimToken: nil, expectedVersion: nil, caller: owner.caller)
            }
            #expect(locked?.details?["holderId"] == .string(editor.id.lowercasedString))
            // Presenting the holder's claim id does not make it the owner's.
            await expectAppError(.resourceLocked) {
                _ = try await service.update(project.id, change, claimToken: claim.id, expectedVersion: nil, caller: owner.caller)
            }
            // The holder without saying which claim: it still needs to present it.
            await expectAppError(.claimRequired) { _ = try await service.update(project.id, change, claimToken: nil, expectedVersion: nil, caller: editor.caller) }

            let updated = try await service.update(project.id, change, claimToken: claim.id, expectedVersion: 1, caller: editor.caller)
            #expect(updated.name == "Renamed")
            #expect(updated.description == "New words")
            #expect(updated.status == .archived)
            #expect(updated.version == 2)
            #expect(updated.lock?.holderId == editor.id)
            #expect(updated.updatedAt >= project.updatedAt)

            let stale = await expectAppError(.versionConflict) {
                _ = try await service.update(project.id, UpdateProjectRequest(name: "Again"), claimToken: claim.id, expectedVersion: 1, caller: editor.caller)
            }
            #expect(stale?.details?["currentVersion"] == .number(2))

            // Absent fields stay as they are.
            let partial = try await service.update(project.id, UpdateProjectRequest(status: .active), claimToken: claim.id, expectedVersion: nil, caller: editor.caller)
            #expect(partial.name == "Renamed")
            #expect(partial.status == .active)
            #expect(partial.version == 3)
            #expect(try await service.findById(project.id, caller: owner.caller).version == 3)

            try await service.release(project.id, claimToken: claim.id, caller: editor.caller)
            // A released claim is over: presenting it again is stale.
            await expectAppError(.staleClaim) { _ = try await service.update(project.id, change, claimToken: claim.id, expectedVersion: nil, caller: editor.caller) }
        }
    }

    @Test(arguments: ProjectServiceTarget.allCases)
    func claimRenewReleaseAndLockStatus(_ target: ProjectServiceTarget) async throws {
        try await target.withService { service, fixture in
            let owner = try await fixture.signIn("owner")
            let other = try await fixture.signIn("other")
            let project = try await fixture.project(of: owner, collaborators: [other])
            #expect(try await service.isLocked(project.id, caller: owner.caller) == .unlocked)

            let claim = try await service.claim(project.id, ClaimRequest(ttlSeconds: 30), caller: owner.caller)
            #expect(claim.projectId == project.id)
            #expect(claim.userId == owner.id)
            #expect(claim.fencingToken >= 1)
            #expect(claim.expiresAt > Date().addingTimeInterval(25))

            // Claiming again while holding it gives the same claim back, not a 423.
            let again = try await service.claim(project.id, ClaimRequest(ttlSeconds: 30), caller: owner.caller)
            #expect(again.id == claim.id)
            #expect(again.fencingToken == claim.fencingToken)

            let locked = await expectAppError(.resourceLocked) { _ = try await service.claim(project.id, ClaimRequest(), caller: other.caller) }
            #expect(locked?.details?["holderId"] == .string(owner.id.lowercasedString))
            #expect(locked?.details?["expiresAt"]?.stringValue != nil)

            let status = try await service.isLocked(project.id, caller: other.caller)
            #expect(status.locked)
            #expect(status.holderId == owner.id)
            #expect(try await service.findById(project.id, caller: other.caller).lock?.holderId == owner.id)

            try await Task.sleep(for: .milliseconds(1100))
            let renewed = try await service.renewClaim(project.id, claimToken: claim.id, caller: owner.caller)
            #expect(renewed.id == claim.id)
            #expect(renewed.fencingToken == claim.fencingToken)
            #expect(renewed.expiresAt > claim.expiresAt)

            // Only the holder's own claim releases, and never twice.
            await expectAppError(.staleClaim) { try await service.release(project.id, claimToken: claim.id, caller: other.caller) }
            await expectAppError(.staleClaim) { try await service.release(project.id, claimToken: UUID(), caller: owner.caller) }
            #expect(try await service.isLocked(project.id, caller: owner.caller).locked)
            try await service.release(project.id, claimToken: claim.id, caller: owner.caller)
            #expect(try await service.isLocked(project.id, caller: owner.caller) == .unlocked)
            await expectAppError(.staleClaim) { try await service.release(project.id, claimToken: claim.id, caller: owner.caller) }
            await expectAppError(.staleClaim) { _ = try await service.renewClaim(project.id, claimToken: claim.id, caller: owner.caller) }

            let next = try await service.claim(project.id, ClaimRequest(), caller: other.caller)
            #expect(next.fencingToken > claim.fencingToken)
            #expect(next.expiresAt > Date().addingTimeInterval(Double(ProjectRules.defaultClaimTTLSeconds) - 5))
            try await service.release(project.id, claimToken: next.id, caller: other.caller)
        }
    }

    @Test(arguments: ProjectServiceTarget.allCases)
    func strangersSeeNothingAndCollaboratorsCannotManage(_ target: ProjectServiceTarget) async throws {
        try await target.withService { service, fixture in
            let owner = try await fixture.signIn("owner")
            let collaborator = try await fixture.signIn("collaborator")
            let stranger = try await fixture.signIn("stranger")
            let project = try await fixture.project(of: owner, collaborators: [collaborator])

            await expectAppError(.notFound) { _ = try await service.findById(project.id, caller: stranger.caller) }
            await expectAppError(.notFound) { _ = try await service.claim(project.id, ClaimRequest(), caller: stranger.caller) }
            await expectAppError(.notFound) { _ = try await service.isLocked(project.id, caller: stranger.caller) }
            await expectAppError(.notFound) {
                _ = try await service.update(project.id, UpdateProjectRequest(name: "x"), claimToken: nil, expectedVersion: nil, caller: stranger.caller)
            }
            await expectAppError(.notFound) { try await service.delete(project.id, caller: stranger.caller) }
            await expectAppError(.notFound) { try await service.addCollaborator(project.id, AddCollaboratorRequest(userId: stranger.id), caller: stranger.caller) }
            await expectAppError(.notFound) { _ = try await service.findById(UUID(), caller: owner.caller) }
            #expect(try await service.list(PageRequest(), caller: stranger.caller).items.isEmpty)

            await expectAppError(.forbidden) { try await service.delete(project.id, caller: collaborator.caller) }
            await expectAppError(.forbidden) { try await service.addCollaborator(project.id, AddCollaboratorRequest(userId: stranger.id), caller: collaborator.caller) }
            await expectAppError(.forbidden) { try await service.removeCollaborator(project.id, userId: collaborator.id, caller: collaborator.caller) }

            // A collaborator sees, claims and edits.
            let claim = try await service.claim(project.id, ClaimRequest(), caller: collaborator.caller)
            let edited = try await service.update(project.id, UpdateProjectRequest(name: "Edited"), claimToken: claim.id, expectedVersion: 1, caller: collaborator.caller)
            #expect(edited.name == "Edited")
            #expect(try await service.findById(project.id, caller: owner.caller).name == "Edited")
            // A stranger presenting that very claim still learns nothing, and releases nothing.
            await expectAppError(.notFound) { try await service.release(project.id, claimToken: claim.id, caller: stranger.caller) }
            await expectAppError(.notFound) { _ = try await service.renewClaim(project.id, claimToken: claim.id, caller: stranger.caller) }
            #expect(try await service.isLocked(project.id, caller: owner.caller).holderId == collaborator.id)
        }
    }

    @Test(arguments: ProjectServiceTarget.allCases)
    func collaboratorsComeAndGo(_ target: ProjectServiceTarget) async throws {
        try await target.withService { service, fixture in
            let owner = try await fixture.signIn("owner")
            let first = try await fixture.signIn("first")
            let second = try await fixture.signIn("second")
            let project = try await service.create(CreateProjectRequest(name: "Team"), caller: owner.caller)

            try await service.addCollaborator(project.id, AddCollaboratorRequest(userId: first.id), caller: owner.caller)
            try await service.addCollaborator(project.id, AddCollaboratorRequest(userId: second.id), caller: owner.caller)
            try await service.addCollaborator(project.id, AddCollaboratorRequest(userId: first.id), caller: owner.caller)
            let withBoth = try await service.findById(project.id, caller: second.caller)
            #expect(withBoth.collaborators == [first.id, second.id])
            #expect(withBoth.version == 1)
            #expect(try await service.list(PageRequest(), caller: first.caller).items.map(\.id) == [project.id])

            let ownerAsCollaborator = await expectAppError(.conflict) {
                try await service.addCollaborator(project.id, AddCollaboratorRequest(userId: owner.id), caller: owner.caller)
            }
            #expect(ownerAsCollaborator?.details?["field"] == .string("userId"))

            // Removing a collaborator who holds the claim ends that claim too.
            _ = try await service.claim(project.id, ClaimRequest(ttlSeconds: 600), caller: first.caller)
            try await service.removeCollaborator(project.id, userId: first.id, caller: owner.caller)
            try await service.removeCollaborator(project.id, userId: first.id, caller: owner.caller)
            await expectAppError(.notFound) { _ = try await service.findById(project.id, caller: first.caller) }
            #expect(try await service.list(PageRequest(), caller: first.caller).items.isEmpty)
            #expect(try await service.isLocked(project.id, caller: owner.caller) == .unlocked)
            #expect(try await service.findById(project.id, caller: owner.caller).collaborators == [second.id])
        }
    }

    @Test(arguments: ProjectServiceTarget.allCases)
    func deletingAClaimedProjectReleasesItsLock(_ target: ProjectServiceTarget) async throws {
        try await target.withService { service, fixture in
            let owner = try await fixture.signIn("owner")
            let holder = try await fixture.signIn("holder")
            let project = try await fixture.project(of: owner, collaborators: [holder])
            let claim = try await service.claim(project.id, ClaimRequest(ttlSeconds: 600), caller: holder.caller)
            let lockKey = "lock:project:\(project.id.uuidString.lowercased())"
            #expect(try await TestRedis.with { try await $0.exists(lockKey) })

            try await service.delete(project.id, caller: owner.caller)
            await expectAppError(.notFound) { _ = try await service.findById(project.id, caller: owner.caller) }
            await expectAppError(.notFound) { _ = try await service.claim(project.id, ClaimRequest(), caller: holder.caller) }
            await expectAppError(.notFound) { try await service.release(project.id, claimToken: claim.id, caller: holder.caller) }
            await expectAppError(.notFound) { try await service.delete(project.id, caller: owner.caller) }
            #expect(try await TestRedis.with { try await $0.exists(lockKey) } == false)
        }
    }

    @Test(arguments: ProjectServiceTarget.allCases)
    func aFailedAnalysisCompensatesTheSaga(_ target: ProjectServiceTarget) async throws {
        // Nothing listens at the fixture's default AI gateway URL, as in today's fleet.
        try await target.withService { service, fixture in
            let user = try await fixture.signIn("saga")
            let request = CreateProjectWithAnalysisRequest(name: "Analyzed", code: "func f() {}\n", language: "swift")
            let failure = await expectAppError(.sagaFailed) { _ = try await service.createWithAnalysis(request, caller: user.caller) }
            let sagaId = try #require(failure?.details?["sagaId"]?.stringValue.flatMap(UUID.init(uuidString:)))

            let saga = try await service.saga(sagaId, caller: user.caller)
            #expect(saga.id == sagaId)
            #expect(saga.name == "create_project_with_analysis")
            #expect(saga.status == .compensated)
            #expect(saga.steps.map(\.name) == ["create_project", "analyze_code"])
            #expect(saga.steps.map(\.status) == [.compensated, .failed])
            #expect(saga.steps.allSatisfy { $0.startedAt != nil && $0.finishedAt != nil })
            #expect(saga.steps[1].error?.contains("AI gateway") == true)
            // The compensation deleted the project again.
            #expect(try await service.list(PageRequest(), caller: user.caller).items.isEmpty)

            let stranger = try await fixture.signIn("stranger")
            await expectAppError(.notFound) { _ = try await service.saga(sagaId, caller: stranger.caller) }
            await expectAppError(.notFound) { _ = try await service.saga(UUID(), caller: user.caller) }
        }
    }

    @Test(arguments: ProjectServiceTarget.allCases)
    func aSuccessfulAnalysisCompletesTheSaga(_ target: ProjectServiceTarget) async throws {
        let stub = AIGatewayStub()
        try await stub.run { aiURL in
            try await target.withService(aiGatewayURL: aiURL) { service, fixture in
                let user = try await fixture.signIn("saga")
                let request = CreateProjectWithAnalysisRequest(name: "Analyzed", description: "d", code: "func f() {}\n", language: "swift")
                let result = try await service.createWithAnalysis(request, caller: user.caller)
                #expect(result.analysis == AIGatewayStub.analysis)
                #expect(result.project.name == "Analyzed")
                #expect(result.project.ownerId == user.id)
                #expect(try await service.findById(result.project.id, caller: user.caller).id == result.project.id)

                let saga = try await service.saga(result.sagaId, caller: user.caller)
                #expect(saga.status == .completed)
                #expect(saga.steps.map(\.status) == [.completed, .completed])
                #expect(saga.steps.allSatisfy { $0.error == nil })
                // The analysis ran on the caller's behalf, with the caller's own token.
                #expect(stub.authorizations.last == "Bearer \(user.token)")
            }
        }
    }
}
