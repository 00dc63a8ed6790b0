import CodeAnalysis
import Contracts
import Coordination
import Foundation
import Logging
import ServiceKit

/// `AIGatewayService` in process: blackboards and conversations in Redis, the knowledge agents run by the
/// controller, answers from the provider chain. Every board and conversation belongs to its creator; another
/// caller's id reads as unknown (404).
public struct AIGatewayCore: AIGatewayService {
    public let boards: BlackboardStore
    public let controller: AgentController
    public let conversations: ConversationStore
    public let chain: ProviderChain
    let events: EventPublisher
    let logger: Logger

    public init(
        boards: BlackboardStore, controller: AgentController, conversations: ConversationStore, chain: ProviderChain,
        events: EventPublisher, logger: Logger
    ) {
        self.boards = boards
        self.controller = controller
        self.conversations = conversations
        self.chain = chain
        self.events = events
        self.logger = logger
    }

    static func now() -> Date { Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down)) }

    // MARK: Analysis

    public func analyzeCode(_ request: AnalyzeCodeRequest, caller: Caller) async throws -> CodeAnalysis {
        try request.validate()
        let started = ContinuousClock.now
        let language = try LanguageResolution.resolve(request.language, code: request.code, field: "language")
        let problem = BlackboardProblem(code: request.code, context: request.context, language: language.rawValue)
        // Nobody knows the board's id before the answer: its agents run in memory and the board is stored once, solved,
        // with every contribution (one script), instead of a round trip per round and per status.
        let id = UUID.random()
        let outcome = try await controller.run(problem: problem)
        let synthesis = SolutionSynthesis.synthesize(blackboardId: id, contributions: outcome.contributions, payloads: outcome.payloads)
        let record = BlackboardRecord(id: id, owner: caller.userId, status: .solved, problem: problem, createdAt: Self.now(), seen: outcome.seen)
        try await boards.create(record, contributions: outcome.contributions)
        let metrics = synthesis.metrics ?? CodeMetrics(lines: SourceFile(code: request.code, language: language).lineCount, functions: 0, maxNesting: 0)
        let analysis = CodeAnalysis(
            id: id, summary: synthesis.solution.summary, metrics: metrics, findings: synthesis.findings, solution: synthesis.solution
        )
        await publishCompleted(analysis, caller: caller, language: language)
        AIMetrics.shared.analyses.increment()
        AIMetrics.shared.analysisDuration.recordDuration(ContinuousClock.now - started)
        return analysis
    }

    /// `ai.analysis_completed` on `events:ai`. The analysis is already on its board, so a Redis hiccup here costs the
    /// learning service one reaction, not the caller their answer; it is logged.
    private func publishCompleted(_ analysis: CodeAnalysis, caller: Caller, language: SourceLanguage) async {
        do {
            let data = AnalysisCompletedData(analysis, userId: caller.userId, language: language.rawValue)
            let envelope = try EventEnvelope.make(
                .aiAnalysisCompleted, subject: analysis.id.lowercasedString, actorId: caller.userId, payload: data
            )
            try await events.publish(envelope)
        } catch {
            logger.error("ai.analysis_completed not published", metadata: ["analysis": "\(analysis.id.lowercasedString)", "error": "\(error)"])
        }
    }

    public func generateSuggestions(_ request: SuggestionsRequest, caller: Caller) async throws -> [Suggestion] {
        try request.validate()
        let language = try LanguageResolution.resolve(nil, code: request.code, field: "code")
        return try await chain.suggestions(code: request.code, language: language, goal: request.goal)
    }

    // MARK: Blackboards

    public func initializeBlackboard(_ request: CreateBlackboardRequest, caller: Caller) async throws -> Blackboard {
        try request.validate()
        var problem = request.problem
        if let code = problem.code, !code.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            problem.language = try LanguageResolution.resolve(problem.language, code: code, field: "problem.language").rawValue
        } else {
            problem.code = nil
            problem.language = nil
        }
        let record = BlackboardRecord(id: UUID.random(), owner: caller.userId, status: .open, problem: problem, createdAt: Self.now())
        try await boards.create(record)
        return Blackboard(id: record.id, status: record.status, createdAt: record.createdAt)
    }

    public func contributeKnowledge(_ blackboardId: UUID, _ knowledge: Knowledge, caller: Caller) async throws {
        try knowledge.validate()
        let size = try SharedCoders.encoder.encode(knowledge.data).count
        guard size <= AIRules.maxKnowledgeDataBytes else {
            throw AppError.validation("data", "data must be at most \(AIRules.maxKnowledgeDataBytes) bytes of JSON (got \(size)).")
        }
        _ = try await ownedBoard(blackboardId, caller: caller)
        let contribution = Contribution(id: UUID.random(), knowledge: knowledge, timestamp: Self.now())
        do {
            _ = try await boards.append(to: blackboardId, [.init(agent: nil, contributions: [contribution])])
        } catch BlackboardStore.StoreError.gone {
            throw Self.boardNotFound
        }
    }

    public func runBlackboard(_ id: UUID, caller: Caller) async throws -> BlackboardRunResult {
        let record = try await ownedBoard(id, caller: caller)
        let outcome = try await run(record)
        return BlackboardRunResult(contributions: outcome.added)
    }

    public func blackboard(_ id: UUID, caller: Caller) async throws -> BlackboardDetail {
        let record = try await ownedBoard(id, caller: caller)
        let contributions = try await boards.contributions(of: id)
        return BlackboardDetail(id: id, status: record.status, problem: record.problem, contributions: contributions, createdAt: record.createdAt)
    }

    public func synthesizeSolution(_ id: UUID, caller: Caller) async throws -> Solution {
        _ = try await ownedBoard(id, caller: caller)
        let contributions = try await boards.contributions(of: id)
        let synthesis = SolutionSynthesis.synthesize(blackboardId: id, contributions: contributions)
        if !contributions.isEmpty { try await boards.setStatus(id, .solved) }
        return synthesis.solution
    }

    /// Runs the agents on a stored board: `running` while they work, `open` again after (a board keeps accepting
    /// knowledge), `failed` when the run could not finish.
    private func run(_ record: BlackboardRecord) async throws -> AgentController.Outcome {
        let id = record.id
        let boards = self.boards
        guard try await boards.setStatus(id, .running) else { throw Self.boardNotFound }
        do {
            let start = try await boards.contributions(of: id)
            let outcome = try await controller.run(
                problem: record.problem, contributions: start, seen: record.seen,
                commit: { batches in try await boards.append(to: id, batches) },
                reload: {
                    guard let fresh = try await boards.record(id) else { throw BlackboardStore.StoreError.gone }
                    return (try await boards.contributions(of: id), fresh.seen)
                }
            )
            try await boards.setStatus(id, .open)
            return outcome
        } catch BlackboardStore.StoreError.gone {
            throw Self.boardNotFound
        } catch {
            _ = try? await boards.setStatus(id, .failed)
            throw error
        }
    }

    static let boardNotFound = AppError.notFound("The blackboard")

    private func ownedBoard(_ id: UUID, caller: Caller) async throws -> BlackboardRecord {
        guard let record = try await boards.record(id), record.owner == caller.userId else { throw Self.boardNotFound }
        return record
    }

    // MARK: Conversations

    static let conversationNotFound = AppError.notFound("The conversation")

    static let chatInstruction = """
        You are DevMentor, a senior engineer mentoring a developer. Answer about the code in the conversation: \
        concretely, briefly, with line numbers where you can.
        """

    public func startConversation(caller: Caller) async throws -> Conversation {
        let record = ConversationStore.Record(id: UUID.random(), owner: caller.userId, createdAt: Self.now())
        try await conversations.create(record)
        return Conversation(id: record.id, createdAt: record.createdAt)
    }

    public func sendMessage(_ conversationId: UUID, _ request: SendMessageRequest, caller: Caller) async throws -> SendMessageResponse {
        try request.validate()
        _ = try await ownedConversation(conversationId, caller: caller)
        do {
            try await conversations.append(conversationId, ChatMessage(role: .user, content: request.content))
            let history = try await conversations.messages(conversationId)
            let answer = try await chain.answer(history, system: try await instruction(for: history))
            let message = ChatMessage(role: .assistant, content: answer.text)
            try await conversations.append(conversationId, message)
            return SendMessageResponse(message: message)
        } catch ConversationStore.StoreError.gone {
            throw Self.conversationNotFound
        }
    }

    public func streamResponse(_ conversationId: UUID, caller: Caller) async throws -> AsyncThrowingStream<StreamEvent, any Error> {
        _ = try await ownedConversation(conversationId, caller: caller)
        var history = try await conversations.messages(conversationId)
        if history.last?.role == .assistant { history.removeLast() }
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: StreamEvent.self)
        guard history.last?.role == .user else {
            continuation.yield(.done(tokens: 0))
            continuation.finish()
            return stream
        }
        let system = try await instruction(for: history)
        let chain = self.chain, conversations = self.conversations, logger = self.logger
        // Owned by the stream: a client that goes away ends the stream, which cancels the task (and the provider call).
        let task = Task {
            do {
                let counter = Locked(0)
                let answer = try await chain.streamAnswer(history, system: system) { token in
                    counter.withLock { $0 += 1 }
                    if case .terminated = continuation.yield(.token(token)) { throw CancellationError() }
                }
                try await conversations.replaceAnswer(conversationId, ChatMessage(role: .assistant, content: answer.text))
                continuation.yield(.done(tokens: counter.value))
                continuation.finish()
            } catch {
                if !(error is CancellationError) { logger.warning("streamed answer failed", metadata: ["error": "\(error)"]) }
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    public func providers(caller: Caller) async throws -> [ProviderStatus] {
        chain.statuses()
    }

    /// The chat instruction, with what the agents found in the conversation's code so a remote model starts from it.
    private func instruction(for history: [ChatMessage]) async throws -> String {
        guard let found = ConversationCode.latest(in: history),
            let language = found.tag.flatMap(SourceLanguage.init(tag:)) ?? SourceLanguage.detect(found.code)
        else { return Self.chatInstruction }
        let result = try await chain.local.analyzer.analyze(BlackboardProblem(code: found.code, language: language.rawValue))
        let points = result.findings.prefix(10).map { "- \($0.message)\($0.line.map { " (line \($0))" } ?? "")" }
        return Self.chatInstruction + "\nStatic analysis of the latest \(language.rawValue) code: \(result.solution.summary)"
            + (points.isEmpty ? "" : "\n" + points.joined(separator: "\n"))
    }

    private func ownedConversation(_ id: UUID, caller: Caller) async throws -> ConversationStore.Record {
        guard let record = try await conversations.record(id), record.owner == caller.userId else { throw Self.conversationNotFound }
        return record
    }
}
