import Contracts
import Coordination
import Foundation
import Hummingbird
import HummingbirdTesting
import Learning
import Testing
import TestSupport

/// The event listener through the real bus: `events:ai` and `events:projects` on the test Redis, the learning
/// service's consumer group, Postgres behind it.
///
/// Serialized: each test's consumer group starts at the streams' end (`$`) and reads everything published after it,
/// so two of these tests at once meant one group worked through the other's floods (60 and 150 events) before its
/// own event — past a minute on a loaded machine (CI, 2026-12-02). One at a time, a group sees only what other
/// suites publish meanwhile.
@Suite("Fleet events", .serialized)
struct FleetEventTests {
    @Test func sqlInjectionFindingsPutSecureCodingFirstForThatUserOnly() async throws {
        try await LearningFixture.run { fixture in
            let ada = try await fixture.signIn("ada")
            let bob = try await fixture.signIn("bob")
            let service = fixture.throughGateway
            let bobBefore = try await service.getRecommendations(caller: bob.caller)
            #expect(try await service.getRecommendations(caller: ada.caller).first?.kind == .nextModule)

            try await fixture.publish([try LearningFixture.analysis(for: ada.id, counts: [.sqlInjection: 3])])
            let injection = try #require(fixture.curriculum.module(key: "injection"))
            let arrived = try await eventually {
                try await service.getRecommendations(caller: ada.caller).first?.kind == .analysisFindings
            }
            #expect(arrived)
            let first = try #require(try await service.getRecommendations(caller: ada.caller).first)
            #expect(first.moduleId == injection.id)
            #expect(first.priority == .high)
            #expect(first.reason.contains("3 SQL injection findings in your last analysis"))
            #expect(try await service.getRecommendations(caller: bob.caller) == bobBefore)

            // A later analysis without such findings replaces it: "your last analysis" stays true.
            try await fixture.publish([try LearningFixture.analysis(for: ada.id, counts: [.missingTests: 1], occurredAt: EventEnvelope.now().addingTimeInterval(5))])
            let replaced = try await eventually {
                let list = try await service.getRecommendations(caller: ada.caller)
                return !list.contains { $0.moduleId == injection.id && $0.kind == .analysisFindings }
                    && list.contains { $0.kind == .analysisFindings && $0.reason.contains("1 missing tests finding") }
            }
            #expect(replaced)

            // An older analysis arriving late is recorded as applied but replaces nothing.
            let late = try LearningFixture.analysis(for: ada.id, counts: [.sqlInjection: 7], occurredAt: EventEnvelope.now().addingTimeInterval(-60))
            let current = try await service.getRecommendations(caller: ada.caller)
            try await fixture.publish([late])
            #expect(try await eventually { try await fixture.appliedCount(of: [late]) == 1 })
            #expect(try await service.getRecommendations(caller: ada.caller) == current)
        }
    }

    @Test func theSameEventTwiceChangesNothingTheSecondTime() async throws {
        try await LearningFixture.run { fixture in
            let ada = try await fixture.signIn("ada")
            let event = try LearningFixture.analysis(for: ada.id, counts: [.hardcodedSecret: 2])
            try await fixture.publish([event])
            #expect(try await eventually { try await fixture.appliedCount(of: [event]) == 1 })
            let after = try await fixture.throughGateway.getRecommendations(caller: ada.caller)

            // The same event again, and once more with its bus marker gone (a crash between effect and marker):
            // the service's own applied-events record still refuses it.
            try await fixture.publish([event])
            try await TestRedis.with { redis in
                for id in [event.id.uuidString, event.id.uuidString.lowercased()] {
                    _ = try await redis.send("DEL", [.string("events:processed:\(fixture.group):\(id)")])
                }
            }
            try await fixture.publish([event])
            let listener = fixture.core.agents.listener
            #expect(try await eventually { await listener.counts()["duplicate", default: 0] >= 1 })
            // A marker-checked duplicate is acknowledged without reaching the listener; the unmarked one is refused by it.
            #expect(try await fixture.appliedCount(of: [event]) == 1)
            #expect(try await fixture.throughGateway.getRecommendations(caller: ada.caller) == after)
        }
    }

    @Test func aMalformedEventIsDeadLetteredAndCountedAndTheConsumerGoesOn() async throws {
        try await LearningFixture.run { fixture in
            let ada = try await fixture.signIn("ada")
            // An envelope whose data is not an analysis, and an entry that is not an envelope at all.
            let badData = EventEnvelope(
                type: EventType.aiAnalysisCompleted.rawValue, source: "ai", occurredAt: EventEnvelope.now(), subject: "x",
                actorId: ada.id, data: .object(["analysisId": .string("not-a-uuid")])
            )
            try await fixture.publish([badData])
            try await fixture.publishRaw(source: .ai, fields: [("envelope", "{not json"), ("type", "ai.analysis_completed"), ("id", "garbage")])
            // A good event after them is still handled.
            try await fixture.publish([try LearningFixture.analysis(for: ada.id, counts: [.eval: 1])])

            let handled = try await eventually {
                try await fixture.throughGateway.getRecommendations(caller: ada.caller).first?.kind == .analysisFindings
            }
            #expect(handled)
            let deadLettered = try await eventually(timeout: .seconds(20)) {
                let dead = try await fixture.deadLetters(source: .ai)
                return dead.contains { $0["id"]?.lowercased() == badData.id.uuidString.lowercased() } && dead.contains { $0["id"] == "garbage" }
            }
            #expect(deadLettered)
            let dead = try await fixture.deadLetters(source: .ai).first { $0["id"]?.lowercased() == badData.id.uuidString.lowercased() }
            #expect(dead?["error"]?.contains("unprocessable") == true)
            // Dead-lettered at once, not after every retry.
            #expect(dead?["deliveries"] == "1")
            let status = try #require(try await fixture.throughGateway.agentStatus(caller: ada.caller).first { $0.name == FleetEventListener.name })
            #expect(status.failed >= 1)
            #expect(status.lastError?.contains("unprocessable") == true)
            #expect(status.state != .stopped)
            // At least once: other suites publish on the same streams, and this group receives their events too.
            #expect(await fixture.core.agents.listener.counts()["unprocessable", default: 0] >= 1)
        }
    }

    @Test func projectActivityUnlocksPracticeModules() async throws {
        try await LearningFixture.run { fixture in
            let owner = try await fixture.signIn("owner")
            let helper = try await fixture.signIn("helper")
            let service = fixture.throughGateway
            let locks = try #require(fixture.curriculum.module(key: "practice-distributed-locks"))
            let setup = try #require(fixture.curriculum.module(key: "practice-project-setup"))
            let review = try #require(fixture.curriculum.module(key: "practice-code-review"))
            func status(_ user: TestUser, _ module: CurriculumModule) async throws -> ModuleStatus? {
                try await service.getPath(caller: user.caller).modules.first { $0.id == module.id }?.status
            }
            #expect(try await status(owner, locks) == .locked)

            let project = Project(id: UUID(), name: "Compiler", ownerId: owner.id, createdAt: EventEnvelope.now(), updatedAt: EventEnvelope.now())
            let claim = ClaimToken(id: UUID(), projectId: project.id, userId: owner.id, fencingToken: 1, expiresAt: EventEnvelope.now().addingTimeInterval(300))
            var shared = project
            shared.collaborators = [helper.id]
            let events = [
                try EventEnvelope.make(.projectCreated, subject: project.id.uuidString.lowercased(), actorId: owner.id, payload: ProjectEventData(project: project)),
                try EventEnvelope.make(.projectClaimed, subject: project.id.uuidString.lowercased(), actorId: owner.id, payload: ProjectEventData(project: project, claim: claim)),
                try EventEnvelope.make(.projectCollaboratorAdded, subject: project.id.uuidString.lowercased(), actorId: owner.id, payload: ProjectEventData(project: shared, collaboratorId: helper.id)),
            ]
            let updated = try EventEnvelope.make(.projectUpdated, subject: project.id.uuidString.lowercased(), actorId: owner.id, payload: ProjectEventData(project: project))
            let entryIDs = try await fixture.publish(events + [updated])
            #expect(try await eventually { try await fixture.appliedCount(of: events) == 3 })
            #expect(try await status(owner, setup) == .available)
            #expect(try await status(owner, locks) == .available)
            #expect(try await status(owner, review) == .locked)
            #expect(try await status(helper, review) == .available)
            #expect(try await status(helper, locks) == .locked)
            let reasons = try await service.getRecommendations(caller: owner.caller).filter { $0.kind == .projectActivity }
            #expect(reasons.contains { $0.moduleId == locks.id && $0.reason.contains("You claimed the project “Compiler”") })
            // `project.updated` opens nothing: the consumer reads it and acknowledges it unseen, never applied.
            let updatedEntry = try #require(entryIDs.last)
            #expect(try await eventually { try await fixture.isAcknowledged(updatedEntry, source: .projects) })
            #expect(try await fixture.appliedCount(of: [updated]) == 0)
        }
    }

    @Test func aFullListenerMailboxHoldsTheConsumerBack() async throws {
        // One message fits; the consumer runs four handlers at once, so three of them wait for a slot.
        try await LearningFixture.run(mailboxCapacity: 1) { fixture in
            let events = try (0..<60).map { _ in try LearningFixture.analysis(for: UUID(), counts: [.deepNesting: 2]) }
            let mailbox = fixture.core.agents.listener.mailbox
            try await fixture.publish(events)
            var sawBackPressure = false
            let deadline = ContinuousClock.now + .seconds(30)
            while try await fixture.appliedCount(of: events) < events.count, ContinuousClock.now < deadline {
                let status = await mailbox.status()
                #expect(status.mailbox <= 1)
                if await mailbox.blockedSenders > 0 { sawBackPressure = true }
                try await Task.sleep(for: .milliseconds(2))
            }
            #expect(try await fixture.appliedCount(of: events) == events.count)
            #expect(sawBackPressure)
        }
    }

    @Test func aServiceRestartedMidStreamLosesNoEvent() async throws {
        let suffix = UUID().uuidString.prefix(8).lowercased()
        let schema = "learning_test_" + suffix, group = "learning_test_" + suffix
        try await LearningFixture.run { fixture in
            // The fixture's service only provides auth here; two more learning services share one schema and group.
            let users = (0..<150).map { _ in UUID() }
            let events = try users.map { try LearningFixture.analysis(for: $0, counts: [.weakHash: 1]) }
            let ids = events.map(\.id)
            try await Self.withLearning(fixture: fixture, schema: schema, group: group, name: "first") {
                try await fixture.publish(events)
                // Stop once it is busy with the stream, not done with it.
                let started = try await eventually { try await LearningFixture.appliedCount(of: ids, schema: schema) >= 10 }
                #expect(started)
            }
            let afterFirst = try await LearningFixture.appliedCount(of: ids, schema: schema)
            try await Self.withLearning(fixture: fixture, schema: schema, group: group, name: "second") {
                let caughtUp = try await eventually(timeout: .seconds(90)) {
                    try await LearningFixture.appliedCount(of: ids, schema: schema) == users.count
                }
                #expect(caughtUp)
            }
            #expect(afterFirst <= users.count)
            #expect(try await LearningFixture.appliedCount(of: ids, schema: schema) == users.count)
        }
        try await LearningFixture.cleanUp(schema: schema, group: group)
    }

    /// A learning service of its own (same auth as the fixture's) on `schema` and `group`, stopped gracefully when
    /// `body` returns.
    static func withLearning(
        fixture: LearningFixture, schema: String, group: String, name: String,
        _ body: @escaping @Sendable () async throws -> Void
    ) async throws {
        let settings = LearningFixture.settings(authPort: fixture.authPort, schema: schema, group: group, consumerName: "\(group)-\(name)")
        let learning = try LearningApplication.build(settings: settings, logger: TestEnvironment.logger("learning-\(name)"))
        try await learning.app.test(.live) { _ in try await body() }
    }
}
