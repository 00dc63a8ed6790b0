import CodeAnalysis
import Contracts
import Foundation
import Logging
import ServiceKit

/// Runs the knowledge agents over a blackboard in rounds. In each round every agent whose inputs are all on the
/// board and who has something new among them since its last run runs, all of them concurrently (one child task
/// each, each within `budget`); their contributions are appended, which may make other agents ready for the next
/// round. The run ends when no agent is ready (quiescence) or after `maxRounds`.
///
/// What each agent has seen is kept on the board (`seen:{agent}` in its hash), so a later run — in this process or
/// another replica — starts exactly where the last one stopped, and a client's contribution makes the agents that
/// consume its type run again. An agent that fails or runs out of budget is left out for the rest of the run and
/// tried again next run (its `seen` does not move).
///
/// The budget cuts an agent at its next suspension point; the static analyzers are synchronous and linear in the
/// code, whose size `AIRules.maxCodeBytes` bounds.
public struct AgentController: Sendable {
    public let agents: [any KnowledgeAgent]
    public let budget: Duration
    public let maxRounds: Int
    let logger: Logger

    public init(agents: [any KnowledgeAgent] = AgentController.standardAgents, budget: Duration, maxRounds: Int, logger: Logger) {
        self.agents = agents
        self.budget = budget
        self.maxRounds = maxRounds
        self.logger = logger
    }

    /// The five agents of docs/ai.md.
    public static let standardAgents: [any KnowledgeAgent] = [
        CodeAnalysisAgent(), SecurityAgent(), DocumentationAgent(), ArchitectureAgent(), TestGenerationAgent(),
    ]

    /// How a run went.
    public struct Outcome: Sendable {
        /// Every contribution of the board after the run, oldest first.
        public var contributions: [Contribution]
        /// How many this run added.
        public var added: Int
        /// Agent name → how many contributions it had seen at its last run (what the board's hash keeps).
        public var seen: [String: Int]
        /// The typed payloads of the contributions this run wrote or decoded, by contribution id: what the
        /// synthesis reads instead of decoding them again.
        public var payloads: [UUID: AgentPayload]
        public var rounds: Int
        /// Agents that failed or ran out of budget, with why.
        public var failures: [String: String]
    }

    /// Appends batches and says which were taken (a store's conditional append, or an in-memory board's).
    public typealias Commit = @Sendable ([BlackboardStore.Batch]) async throws -> [Bool]
    /// Reads the board again after a commit lost to a concurrent run.
    public typealias Reload = @Sendable () async throws -> (contributions: [Contribution], seen: [String: Int])

    /// A run on a board only the caller knows of, kept in memory until it is stored (or never): no other run can
    /// append to it, so every batch is taken and nothing needs reloading. `analyze` and the local provider.
    public func run(problem: BlackboardProblem) async throws -> Outcome {
        try await run(problem: problem, contributions: [], seen: [:], commit: { batches in batches.map { _ in true } }, reload: { ([], [:]) })
    }

    public func run(
        problem: BlackboardProblem, contributions start: [Contribution], seen startSeen: [String: Int],
        commit: Commit, reload: Reload
    ) async throws -> Outcome {
        let file = try await AnalysisThread.run(codeBytes: problem.code?.utf8.count ?? 0) { Self.file(for: problem) }
        var contributions = start
        var seen = startSeen
        var failures: [String: String] = [:]
        var added = 0
        var rounds = 0
        // Payloads by contribution id: the agents' own as they made them, others decoded once per run (several
        // agents read the same structure report).
        var payloads: [UUID: AgentPayload] = [:]
        while rounds < maxRounds {
            let count = contributions.count
            let ready = agents.filter { failures[$0.name] == nil && isReady($0, file: file, contributions: contributions, seen: seen) }
            guard !ready.isEmpty else { break }
            rounds += 1
            var works: [AgentWork] = []
            for agent in ready {
                let from = min(seen[agent.name] ?? 0, count)
                let fresh = contributions[from..<count].filter { $0.source != agent.name && consumes(agent, $0.type) }
                var structure: [StructureReport] = []
                for contribution in fresh where payloads[contribution.id] != nil || AgentPayload.isStructure(contribution.data) {
                    if payloads[contribution.id] == nil { payloads[contribution.id] = AgentPayload(decoding: contribution.data) }
                    if let report = payloads[contribution.id]?.structureReport { structure.append(report) }
                }
                works.append(AgentWork(file: file, problem: problem, newContributions: Array(fresh), structureReports: structure))
            }
            let results = await contributeConcurrently(ready, works)

            var batches: [BlackboardStore.Batch] = []
            let now = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
            for (index, agent) in ready.enumerated() {
                switch results[index] {
                case .success(let outputs):
                    var made: [Contribution] = []
                    for output in outputs {
                        let contribution = Contribution(id: UUID.random(), knowledge: output.knowledge, timestamp: now)
                        made.append(contribution)
                        if let payload = output.payload { payloads[contribution.id] = payload }
                    }
                    batches.append(.init(agent: agent.name, expectedSeen: seen[agent.name] ?? 0, seen: count, contributions: made))
                case .failure(let error):
                    failures[agent.name] = String(describing: error)
                    logger.warning("knowledge agent failed", metadata: ["agent": "\(agent.name)", "error": "\(error)"])
                }
            }
            let taken = try await commit(batches)
            var lost = false
            for (batch, accepted) in zip(batches, taken) {
                guard accepted, let agent = batch.agent else {
                    lost = true
                    continue
                }
                contributions += batch.contributions
                seen[agent] = batch.seen
                added += batch.contributions.count
            }
            if lost {
                // Another run committed some of these agents' work first: continue from what the board now says.
                (contributions, seen) = try await reload()
            }
        }
        return Outcome(contributions: contributions, added: added, seen: seen, payloads: payloads, rounds: rounds, failures: failures)
    }

    /// The problem's code scanned once for the whole run (nil without code or with a language it cannot name).
    static func file(for problem: BlackboardProblem) -> SourceFile? {
        guard let code = problem.code, !code.isEmpty else { return nil }
        guard let language = problem.language.flatMap(SourceLanguage.init(tag:)) ?? SourceLanguage.detect(code) else { return nil }
        return SourceFile(code: code, language: language)
    }

    func consumes(_ agent: any KnowledgeAgent, _ type: KnowledgeType) -> Bool {
        agent.consumes.contains(.knowledge(type))
    }

    /// Every input present, and something new: its code never seen, or a contribution of a consumed type by someone
    /// else since its last run.
    func isReady(_ agent: any KnowledgeAgent, file: SourceFile?, contributions: [Contribution], seen: [String: Int]) -> Bool {
        for input in agent.consumes {
            switch input {
            case .code:
                guard file != nil else { return false }
            case .knowledge(let type):
                guard contributions.contains(where: { $0.type == type && $0.source != agent.name }) else { return false }
            }
        }
        guard let last = seen[agent.name] else { return true }
        guard last < contributions.count else { return false }
        return contributions[last...].contains { $0.source != agent.name && consumes(agent, $0.type) }
    }

    /// One child task per agent and one timer for the round: when the budget is spent first, the agents still
    /// running are cancelled and fail with `TimeoutError` (a `withTimeout` per agent cost a task group, a second
    /// task and a sleep each, more than most agents' work).
    private func contributeConcurrently(_ agents: [any KnowledgeAgent], _ works: [AgentWork]) async -> [Result<[AgentContribution], any Error>] {
        enum Event: Sendable {
            case finished(Int, Result<[AgentContribution], any Error>)
            case budgetSpent
            /// The timer was cancelled because every agent was done.
            case budgetUnused
        }
        let budget = self.budget
        let started = ContinuousClock.now
        return await withTaskGroup(of: Event.self) { group in
            for (index, agent) in agents.enumerated() {
                let work = works[index]
                group.addTask {
                    do {
                        return .finished(index, .success(try await agent.contribute(work)))
                    } catch {
                        return .finished(index, .failure(error))
                    }
                }
            }
            group.addTask {
                do {
                    try await Task.sleep(for: budget)
                    return .budgetSpent
                } catch {
                    return .budgetUnused
                }
            }
            var results = [Result<[AgentContribution], any Error>?](repeating: nil, count: agents.count)
            var running = agents.count
            while running > 0, let event = await group.next() {
                switch event {
                case .finished(let index, let result):
                    results[index] = result
                    running -= 1
                    AIMetrics.shared.agentRan(agents[index].name, succeeded: (try? result.get()) != nil, duration: ContinuousClock.now - started)
                case .budgetUnused:
                    break
                case .budgetSpent:
                    // An agent still running now is cut at its next suspension point; its late result is not used.
                    for index in agents.indices where results[index] == nil {
                        results[index] = .failure(TimeoutError(duration: budget))
                        AIMetrics.shared.agentRan(agents[index].name, succeeded: false, duration: budget)
                    }
                    running = 0
                }
            }
            group.cancelAll()
            return results.map { $0 ?? .failure(TimeoutError(duration: budget)) }
        }
    }
}
