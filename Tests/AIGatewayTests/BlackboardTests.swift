import AIGateway
import Contracts
import DevMentorClient
import Foundation
import Redis
import Testing
import TestSupport

/// Blackboards over HTTP through the gateway: the stream is the record, runs pick up what is new, boards are private.
@Suite("Blackboards")
struct BlackboardTests {
    @Test func runAddsContributionsThatTheStreamHolds() async throws {
        try await AIFixture.run { fixture in
            let user = try await fixture.signIn()
            let client = fixture.throughGateway
            let board = try await client.initializeBlackboard(CreateBlackboardRequest(problem: BlackboardProblem(code: Samples.python)), caller: user.caller)
            #expect(board.status == .open)
            let run = try await client.runBlackboard(board.id, caller: user.caller)
            #expect(run.contributions > 0)
            let detail = try await client.blackboard(board.id, caller: user.caller)
            #expect(detail.contributions.count == run.contributions)
            #expect(detail.problem.language == "python")
            #expect(Set(detail.contributions.map(\.source)).isSuperset(of: ["code-analysis"]))

            // The same contributions, in the same order, straight from Redis.
            try await TestRedis.with { redis in
            let entries = try await redis.send("XRANGE", [.string(AIKeys.blackboardStream(board.id)), "-", "+"])
            let ids = try #require(entries.array).compactMap { $0.array?[1].array }.map { fields -> String in
                let pairs = stride(from: 0, to: fields.count - 1, by: 2).map { (fields[$0].string ?? "", fields[$0 + 1].string ?? "") }
                return pairs.first { $0.0 == "id" }?.1 ?? ""
            }
            #expect(ids == detail.contributions.map { $0.id.lowercasedString })

            // Nothing new: running again adds nothing.
            #expect(try await client.runBlackboard(board.id, caller: user.caller).contributions == 0)

            // Both keys expire together.
            let ttls = try await redis.pipeline([
                ["PEXPIRETIME", .string(AIKeys.blackboard(board.id))], ["PEXPIRETIME", .string(AIKeys.blackboardStream(board.id))],
            ])
            #expect(ttls[0].int != nil && ttls[0].int == ttls[1].int && (ttls[0].int ?? 0) > 0)
            }
        }
    }

    /// `analyze` runs its agents in memory and stores the board once: it must read back like any board that ran.
    @Test func anAnalysisIsStoredWholeAsASolvedBoard() async throws {
        try await AIFixture.run { fixture in
            let user = try await fixture.signIn()
            let client = fixture.throughGateway
            let analysis = try await client.analyzeCode(AnalyzeCodeRequest(code: Samples.python), caller: user.caller)
            let detail = try await client.blackboard(analysis.id, caller: user.caller)
            #expect(detail.status == .solved)
            #expect(detail.problem.code == Samples.python)
            #expect(Set(detail.contributions.map(\.source)) == Set(analysis.solution.contributors))
            #expect(Set(analysis.solution.contributors).isSuperset(of: ["code-analysis", "test-generation"]))
            // What each agent had seen is on the hash (architecture ran in the second round and found nothing to say):
            // a run finds nothing new.
            let record = try #require(try await fixture.core.boards.record(analysis.id))
            #expect(record.seen["code-analysis"] == 0)
            #expect((record.seen["architecture"] ?? 0) > 0)
            #expect(try await client.runBlackboard(analysis.id, caller: user.caller).contributions == 0)
            #expect(try await client.synthesizeSolution(analysis.id, caller: user.caller) == analysis.solution)
            try await TestRedis.with { redis in
                let ttls = try await redis.pipeline([
                    ["PEXPIRETIME", .string(AIKeys.blackboard(analysis.id))], ["PEXPIRETIME", .string(AIKeys.blackboardStream(analysis.id))],
                ])
                #expect(ttls[0].int != nil && ttls[0].int == ttls[1].int && (ttls[0].int ?? 0) > 0)
            }
            let bob = try await fixture.signIn("bob")
            await expectAppError(.notFound) { _ = try await client.blackboard(analysis.id, caller: bob.caller) }
        }
    }

    @Test func anOutsideStructureReportTriggersItsConsumersOnTheNextRun() async throws {
        try await AIFixture.run { fixture in
            let user = try await fixture.signIn()
            let client = fixture.throughGateway
            let board = try await client.initializeBlackboard(CreateBlackboardRequest(problem: BlackboardProblem(code: Samples.swift)), caller: user.caller)
            _ = try await client.runBlackboard(board.id, caller: user.caller)
            let detail = try await client.blackboard(board.id, caller: user.caller)
            let report = try #require(detail.contributions.first { $0.source == "code-analysis" && $0.type == .analysis })
            try await client.contributeKnowledge(
                board.id, Knowledge(source: "external-linter", type: .analysis, confidence: 0.8, data: report.data), caller: user.caller
            )
            _ = try await client.runBlackboard(board.id, caller: user.caller)
            let after = try await client.blackboard(board.id, caller: user.caller)
            let newer = after.contributions.dropFirst(detail.contributions.count + 1).map(\.source)
            // Code analysis and security consume the code only, which did not change.
            #expect(!newer.contains("code-analysis"))
            #expect(!newer.contains("security"))
            let seen = try #require(try await fixture.core.boards.record(board.id)).seen
            #expect(seen["architecture"] == detail.contributions.count + 1)
            #expect(seen["code-analysis"] == 0)
        }
    }

    @Test func aRestartedServiceRebuildsTheBoardFromItsStream() async throws {
        try await AIFixture.run { fixture in
            let user = try await fixture.signIn()
            let client = fixture.direct
            let board = try await client.initializeBlackboard(CreateBlackboardRequest(problem: BlackboardProblem(code: Samples.python)), caller: user.caller)
            try await client.contributeKnowledge(
                board.id, Knowledge(source: "alice", type: .insight, confidence: 0.4, data: .object(["message": .string("Cache it")])), caller: user.caller
            )
            _ = try await client.runBlackboard(board.id, caller: user.caller)
            let before = try await client.blackboard(board.id, caller: user.caller)

            // A second instance of the service, built from scratch on the same Redis: it has nothing in memory.
            let settings = AIFixture.settings(authPort: fixture.authPort)
            let restarted = try AIGatewayApplication.build(settings: settings, logger: TestEnvironment.logger("ai-gateway-2"))
            try await restarted.app.test(.live) { second in
                let port = try #require(second.port)
                let again = DevMentorClient(baseURL: "http://127.0.0.1:\(port)")
                #expect(try await again.blackboard(board.id, caller: user.caller) == before)
                // It also knows what each agent had seen: nothing is run twice.
                #expect(try await again.runBlackboard(board.id, caller: user.caller).contributions == 0)
                let solution = try await again.synthesizeSolution(board.id, caller: user.caller)
                #expect(solution.contributors.contains("alice"))
            }
        }
    }

    @Test func someoneElsesBoardIsNotFound() async throws {
        try await AIFixture.run { fixture in
            let ada = try await fixture.signIn("ada")
            let bob = try await fixture.signIn("bob")
            let client = fixture.throughGateway
            let board = try await client.initializeBlackboard(CreateBlackboardRequest(problem: BlackboardProblem(context: "design review")), caller: ada.caller)
            await expectAppError(.notFound) { _ = try await client.blackboard(board.id, caller: bob.caller) }
            await expectAppError(.notFound) { _ = try await client.runBlackboard(board.id, caller: bob.caller) }
            await expectAppError(.notFound) { _ = try await client.synthesizeSolution(board.id, caller: bob.caller) }
            await expectAppError(.notFound) {
                try await client.contributeKnowledge(board.id, Knowledge(source: "bob", type: .insight, confidence: 1, data: .null), caller: bob.caller)
            }
            await expectAppError(.notFound) { _ = try await client.blackboard(UUID(), caller: ada.caller) }
            // Bob's attempts left nothing on Ada's board.
            #expect(try await client.blackboard(board.id, caller: ada.caller).contributions.isEmpty)
        }
    }

    @Test func solutionOfABoardWithoutContributionsHasConfidenceZero() async throws {
        try await AIFixture.run { fixture in
            let user = try await fixture.signIn()
            let client = fixture.throughGateway
            let board = try await client.initializeBlackboard(CreateBlackboardRequest(problem: BlackboardProblem(context: "no code")), caller: user.caller)
            #expect(try await client.runBlackboard(board.id, caller: user.caller).contributions == 0)
            let solution = try await client.synthesizeSolution(board.id, caller: user.caller)
            #expect(solution.confidence == 0)
            #expect(solution.blackboardId == board.id)
        }
    }
}
