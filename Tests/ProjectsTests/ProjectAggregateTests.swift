import Contracts
import Foundation
@testable import Projects
import Testing

/// The aggregate's rules on their own: no database, no Redis, no clock but the one passed in.
@Suite("Project aggregate")
struct ProjectAggregateTests {
    let owner = UserID(UUID())
    let collaborator = UserID(UUID())
    let stranger = UserID(UUID())
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func project(collaborators: [UserID] = []) throws -> ProjectAggregate {
        var project = ProjectAggregate.create(name: try ProjectName("  Atlas "), description: .empty, owner: owner, now: now)
        for user in collaborators { try project.addCollaborator(user, by: owner, now: now) }
        return project
    }

    func claim(_ project: inout ProjectAggregate, token: Int64, by user: UserID) throws -> ProjectClaim {
        try project.recordClaim(fencingToken: token, holder: user, ttlSeconds: 60, now: now)
    }

    @Test func creationRecordsTheCreatedEventForTheOwner() throws {
        let project = try project()
        #expect(project.name.value == "Atlas")
        #expect(project.version == 1)
        #expect(project.status == .active)
        #expect(project.events.map(\.type) == [.projectCreated])
        #expect(project.events[0].actorId == owner)
        #expect(project.events[0].data.audience == [owner.rawValue])
        let envelope = try project.events[0].envelope(traceparent: nil)
        #expect(envelope.source == "projects")
        #expect(envelope.subject == project.id.rawValue.lowercasedString)
    }

    @Test(arguments: ["", "   ", String(repeating: "x", count: 201), "tab\there"])
    func namesOutsideTheRulesAreRefused(_ name: String) {
        #expect(throws: AppError.self) { try ProjectName(name) }
    }

    @Test func descriptionsUpToTenThousandCharacters() throws {
        #expect(try ProjectDescription(String(repeating: "é", count: 10_000)).value.count == 10_000)
        #expect(throws: AppError.self) { try ProjectDescription(String(repeating: "é", count: 10_001)) }
    }

    @Test func aWriteUnderAnOlderClaimThanTheFenceIsStale() throws {
        var project = try project(collaborators: [collaborator])
        let older = try claim(&project, token: 4, by: owner)
        _ = try claim(&project, token: 7, by: collaborator)
        #expect(project.fencingToken == 7)
        #expect(throws: AppError.staleClaim) {
            try project.update(ProjectChanges(name: try ProjectName("late")), under: older, expectedVersion: nil, by: owner, now: now)
        }
        #expect(project.version == 1)
        #expect(project.name.value == "Atlas")
    }

    @Test func aWriteUnderTheCurrentClaimBumpsTheVersionOnce() throws {
        var project = try project(collaborators: [collaborator])
        let current = try claim(&project, token: 3, by: collaborator)
        let later = now.addingTimeInterval(10)
        try project.update(ProjectChanges(status: .archived), under: current, expectedVersion: 1, by: collaborator, now: later)
        #expect(project.version == 2)
        #expect(project.status == .archived)
        #expect(project.updatedAt == later)
        #expect(project.events.last?.type == .projectUpdated)
        #expect(throws: AppError.versionConflict(current: 2)) {
            try project.update(ProjectChanges(), under: current, expectedVersion: 1, by: collaborator, now: later)
        }
        // Someone else's claim is no claim of the writer's.
        #expect(throws: AppError.staleClaim) {
            try project.update(ProjectChanges(), under: current, expectedVersion: nil, by: owner, now: later)
        }
    }

    @Test func theSameTenureClaimedAgainIsTheSameClaimAndAnnouncedOnce() throws {
        var project = try project()
        let first = try claim(&project, token: 9, by: owner)
        let again = try project.recordClaim(fencingToken: 9, holder: owner, ttlSeconds: 120, now: now.addingTimeInterval(5))
        #expect(again.id == first.id)
        #expect(again.expiresAt == now.addingTimeInterval(125))
        #expect(project.events.filter { $0.type == .projectClaimed }.count == 1)
        #expect(throws: AppError.staleClaim) { _ = try claim(&project, token: 8, by: owner) }
        let next = try claim(&project, token: 10, by: owner)
        #expect(next.id != first.id)
        #expect(project.latestClaim == next)
    }

    @Test func onlyMembersClaimAndOnlyTheOwnerManages() throws {
        var project = try project(collaborators: [collaborator])
        #expect(throws: ProjectAggregate.notFound) { _ = try claim(&project, token: 1, by: stranger) }
        let collaboratorDeletes = #expect(throws: AppError.self) { try project.delete(by: collaborator, now: now) }
        #expect(collaboratorDeletes?.code == .forbidden)
        #expect(throws: ProjectAggregate.notFound) { try project.delete(by: stranger, now: now) }
        let collaboratorManages = #expect(throws: AppError.self) { try project.addCollaborator(stranger, by: collaborator, now: now) }
        #expect(collaboratorManages?.code == .forbidden)
        let ownerAsCollaborator = #expect(throws: AppError.self) { try project.addCollaborator(owner, by: owner, now: now) }
        #expect(ownerAsCollaborator?.code == .conflict)

        let eventsBefore = project.events.count
        try project.addCollaborator(collaborator, by: owner, now: now)
        try project.removeCollaborator(stranger, by: owner, now: now)
        #expect(project.events.count == eventsBefore)

        try project.removeCollaborator(collaborator, by: owner, now: now)
        #expect(project.events.last?.data.audience == [owner.rawValue, collaborator.rawValue])
        #expect(!project.isMember(collaborator))
        try project.delete(by: owner, now: now)
        #expect(project.isDeleted)
        #expect(project.events.last?.type == .projectDeleted)
    }

    @Test func cursorsRoundTripAndMadeUpOnesAreRefused() throws {
        let cursor = ProjectCursor(createdAt: now, id: UUID())
        #expect(try ProjectCursor(token: cursor.token) == cursor)
        for garbage in ["", "!!!", "djEuMTIzLm5vdC1hLXV1aWQ", "v2.1.\(UUID())", "v1.x.\(UUID())", "v1.1.not-a-uuid"] {
            #expect(throws: AppError.self) { try ProjectCursor(token: garbage) }
        }
    }
}
