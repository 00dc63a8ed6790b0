import AIGateway
import CodeAnalysis
import Contracts
import Foundation
import Logging
import Synchronization
import Testing

/// The controller's rounds on an in-memory board, with agents made for the test.
@Suite("Agent controller")
struct AgentControllerTests {
    /// An agent that records when it ran and what it got, and answers with `output` per new input.
    struct ProbeAgent: KnowledgeAgent {
        let name: String
        let consumes: Set<AgentInput>
        let produces: Set<KnowledgeType>
        let log: Journal
        let output: KnowledgeType?
        var pause: Duration = .zero
        var gate: Gate?

        func contribute(_ work: AgentWork) async throws -> [AgentContribution] {
            log.append("\(name):\(work.newContributions.count)")
            if let gate { await gate.arrive() }
            if pause > .zero { try await Task.sleep(for: pause) }
            guard let output else { return [] }
            return [AgentContribution(Knowledge(source: name, type: output, confidence: 0.5, data: .string("from \(name)")))]
        }
    }

    /// What the agents did, in order.
    final class Journal: Sendable {
        private let entries = Mutex<[String]>([])
        func append(_ entry: String) { entries.withLock { $0.append(entry) } }
        func reset() { entries.withLock { $0 = [] } }
        var all: [String] { entries.withLock { $0 } }
    }

    /// Lets `count` agents through only once all of them have arrived: proves they run at the same time.
    final class Gate: Sendable {
        let state: Mutex<(arrived: Int, waiters: [CheckedContinuation<Void, Never>])>
        let count: Int
        init(count: Int) {
            self.count = count
            state = Mutex((0, []))
        }
        func arrive() async {
            await withCheckedContinuation { continuation in
                let release = state.withLock { state -> [CheckedContinuation<Void, Never>] in
                    state.arrived += 1
                    state.waiters.append(continuation)
                    guard state.arrived == count else { return [] }
                    defer { state.waiters = [] }
                    return state.waiters
                }
                for waiter in release { waiter.resume() }
            }
        }
    }

    final class MemoryBoard: Sendable {
        let contributions = Mutex<[Contribution]>([])
        let seen = Mutex<[String: Int]>([:])

        func commit(_ batches: [BlackboardStore.Batch]) -> [Bool] {
            for batch in batches {
                contributions.withLock { $0 += batch.contributions }
                if let agent = batch.agent { seen.withLock { $0[agent] = batch.seen } }
            }
            return batches.map { _ in true }
        }
    }

    let problem = BlackboardProblem(code: "def f(x):\n    return x\n", language: "python")

    func run(_ controller: AgentController, _ board: MemoryBoard) async throws -> AgentController.Outcome {
        try await controller.run(
            problem: problem, contributions: board.contributions.withLock { $0 }, seen: board.seen.withLock { $0 },
            commit: { board.commit($0) }, reload: { (board.contributions.withLock { $0 }, board.seen.withLock { $0 }) }
        )
    }

    @Test func agentsRunInRoundsUntilQuiescence() async throws {
        let log = Journal()
        let agents: [any KnowledgeAgent] = [
            ProbeAgent(name: "reader", consumes: [.code], produces: [.analysis], log: log, output: .analysis),
            ProbeAgent(name: "critic", consumes: [.knowledge(.analysis)], produces: [.warning], log: log, output: .warning),
            ProbeAgent(name: "judge", consumes: [.knowledge(.warning)], produces: [.insight], log: log, output: .insight),
        ]
        let controller = AgentController(agents: agents, budget: .seconds(30), maxRounds: 10, logger: Logger(label: "test"))
        let board = MemoryBoard()
        let outcome = try await run(controller, board)
        #expect(outcome.rounds == 3)
        #expect(outcome.added == 3)
        #expect(log.all == ["reader:0", "critic:1", "judge:1"])

        // Nothing new: a second run does nothing.
        let again = try await run(controller, board)
        #expect(again.rounds == 0)
        #expect(again.added == 0)
    }

    @Test func anOutsideContributionTriggersOnlyItsConsumers() async throws {
        let log = Journal()
        let agents: [any KnowledgeAgent] = [
            ProbeAgent(name: "reader", consumes: [.code], produces: [.analysis], log: log, output: .analysis),
            ProbeAgent(name: "critic", consumes: [.knowledge(.analysis)], produces: [.warning], log: log, output: nil),
            ProbeAgent(name: "muse", consumes: [.knowledge(.insight)], produces: [.suggestion], log: log, output: nil),
        ]
        let controller = AgentController(agents: agents, budget: .seconds(30), maxRounds: 10, logger: Logger(label: "test"))
        let board = MemoryBoard()
        _ = try await run(controller, board)
        #expect(log.all == ["reader:0", "critic:1"])
        log.reset()

        let outside = Contribution(id: UUID(), source: "alice", type: .analysis, confidence: 1, data: .null, timestamp: Date())
        _ = board.commit([.init(agent: nil, contributions: [outside])])
        _ = try await run(controller, board)
        #expect(log.all == ["critic:1"])
    }

    @Test func readyAgentsRunConcurrently() async throws {
        let log = Journal()
        let gate = Gate(count: 3)
        let agents: [any KnowledgeAgent] = (1...3).map {
            ProbeAgent(name: "a\($0)", consumes: [.code], produces: [.insight], log: log, output: .insight, gate: gate)
        }
        let controller = AgentController(agents: agents, budget: .seconds(60), maxRounds: 10, logger: Logger(label: "test"))
        // Each agent waits for the other two: sequential runs would never finish (the budget would end them).
        let outcome = try await run(controller, MemoryBoard())
        #expect(outcome.failures.isEmpty)
        #expect(outcome.added == 3)
        #expect(outcome.rounds == 1)
    }

    @Test func anAgentOverItsBudgetIsLeftOutAndRetriedNextRun() async throws {
        let log = Journal()
        let agents: [any KnowledgeAgent] = [
            ProbeAgent(name: "slow", consumes: [.code], produces: [.analysis], log: log, output: .analysis, pause: .seconds(30)),
            ProbeAgent(name: "quick", consumes: [.code], produces: [.insight], log: log, output: .insight),
        ]
        let controller = AgentController(agents: agents, budget: .milliseconds(200), maxRounds: 10, logger: Logger(label: "test"))
        let board = MemoryBoard()
        let outcome = try await run(controller, board)
        #expect(outcome.failures.keys.sorted() == ["slow"])
        #expect(outcome.added == 1)
        #expect(board.seen.withLock { $0["slow"] } == nil)
        let again = try await run(controller, board)
        #expect(again.failures.keys.sorted() == ["slow"])
        #expect(log.all.filter { $0.hasPrefix("slow") }.count == 2)
    }

    @Test func theRoundCapStopsAgentsThatFeedEachOther() async throws {
        let log = Journal()
        let agents: [any KnowledgeAgent] = [
            ProbeAgent(name: "ping", consumes: [.knowledge(.warning)], produces: [.insight], log: log, output: .insight),
            ProbeAgent(name: "pong", consumes: [.knowledge(.insight)], produces: [.warning], log: log, output: .warning),
        ]
        let controller = AgentController(agents: agents, budget: .seconds(30), maxRounds: 4, logger: Logger(label: "test"))
        let board = MemoryBoard()
        let seed = Contribution(id: UUID(), source: "alice", type: .warning, confidence: 1, data: .null, timestamp: Date())
        _ = board.commit([.init(agent: nil, contributions: [seed])])
        let outcome = try await run(controller, board)
        #expect(outcome.rounds == 4)
    }

    @Test func theStandardAgentsBuildOnEachOther() async throws {
        let controller = AgentController(budget: .seconds(30), maxRounds: 5, logger: Logger(label: "test"))
        let board = MemoryBoard()
        let outcome = try await controller.run(
            problem: BlackboardProblem(code: Samples.python, language: "python"), contributions: [], seen: [:],
            commit: { board.commit($0) }, reload: { ([], [:]) }
        )
        let sources = Set(outcome.contributions.map(\.source))
        #expect(sources.contains("code-analysis"))
        // Every agent ran once: code analysis and security on the code, the others on its structure report.
        #expect(Set(board.seen.withLock { $0 }.keys) == ["code-analysis", "security", "documentation", "architecture", "test-generation"])
        #expect(outcome.failures.isEmpty)
    }
}
