import Contracts
import Foundation
import Testing
import TestSupport

/// Every change of a project reaches `events:projects`, in order, through the outbox — also across a Redis outage.
@Suite("Project events")
struct ProjectEventTests {
    @Test func everyChangeIsPublishedInOrderWithTheFleetsEnvelope() async throws {
        try await ProjectsFixture.run { fixture in
            let owner = try await fixture.signIn("owner")
            let helper = try await fixture.signIn("helper")
            let api = fixture.throughGateway
            let project = try await api.create(CreateProjectRequest(name: "Evented"), caller: owner.caller)
            try await api.addCollaborator(project.id, AddCollaboratorRequest(userId: helper.id), caller: owner.caller)
            let claim = try await api.claim(project.id, ClaimRequest(), caller: helper.caller)
            _ = try await api.update(project.id, UpdateProjectRequest(name: "Evented twice"), claimToken: claim.id, expectedVersion: 1, caller: helper.caller)
            try await api.release(project.id, claimToken: claim.id, caller: helper.caller)
            try await api.removeCollaborator(project.id, userId: helper.id, caller: owner.caller)
            try await api.delete(project.id, caller: owner.caller)

            let expected: [(EventType, UUID)] = [
                (.projectCreated, owner.id), (.projectCollaboratorAdded, owner.id), (.projectClaimed, helper.id),
                (.projectUpdated, helper.id), (.projectReleased, helper.id), (.projectCollaboratorRemoved, owner.id),
                (.projectDeleted, owner.id),
            ]
            let events = try await fixture.events(about: project.id, atLeast: expected.count)
            #expect(events.map(\.type) == expected.map(\.0.rawValue))
            #expect(events.map(\.actorId) == expected.map(\.1))
            #expect(Set(events.map(\.id)).count == events.count)
            for event in events {
                #expect(event.source == "projects")
                #expect(event.subject == project.id.lowercasedString)
                #expect(event.occurredAt.timeIntervalSinceNow > -120)
                // The gateway starts a trace for every request; the event continues it.
                #expect(event.traceparent?.count == 55)
                let data = try event.decodeData(as: ProjectEventData.self)
                #expect(data.projectId == project.id)
                #expect(data.ownerId == owner.id)
                #expect(event.isVisible(to: owner.id))
            }
            let data = try events.map { try $0.decodeData(as: ProjectEventData.self) }
            #expect(data[1].collaboratorId == helper.id)
            #expect(data[1].audience == [owner.id, helper.id])
            #expect(data[2].claim?.id == claim.id)
            #expect(data[2].claim?.fencingToken == claim.fencingToken)
            #expect(data[3].name == "Evented twice")
            #expect(data[3].version == 2)
            #expect(data[4].claim?.id == claim.id)
            // The removed collaborator still hears of its removal, and nothing after it.
            #expect(data[5].collaborators.isEmpty)
            #expect(events[5].isVisible(to: helper.id))
            #expect(!events[6].isVisible(to: helper.id))
        }
    }

    @Test func aCreateSucceedsWhileRedisIsDownAndItsEventFollowsWhenRedisReturns() async throws {
        try await RedisServerProcess.with { redis in
            try await ProjectsFixture.run(redisURL: redis.url) { fixture in
                let owner = try await fixture.signIn("owner")
                let before = try await fixture.throughGateway.create(CreateProjectRequest(name: "Before the outage"), caller: owner.caller)
                #expect(try await fixture.events(about: before.id, atLeast: 1).map(\.type) == [EventType.projectCreated.rawValue])

                await redis.stop()
                let during = try await fixture.send("POST", "/api/v1/projects", as: owner, body: #"{"name":"During the outage"}"#)
                #expect(during.status == 201)
                let project = try during.decode(Project.self)
                #expect(try await fixture.outboxTypes(about: project.id) == [EventType.projectCreated.rawValue])

                try await redis.start()
                let events = try await fixture.events(about: project.id, atLeast: 1, timeout: .seconds(30))
                #expect(events.map(\.type) == [EventType.projectCreated.rawValue])
                #expect(events.first?.actorId == owner.id)
            }
        }
    }
}
