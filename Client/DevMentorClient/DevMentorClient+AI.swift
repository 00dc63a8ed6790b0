import AsyncHTTPClient
import Contracts
import Foundation
import NIOCore

/// The AI gateway's routes under `/api/v1/ai` (docs/api.md). The answer stream is read as it arrives: each SSE frame
/// becomes a `StreamEvent` the moment its blank line is in.
extension DevMentorClient: AIGatewayService {
    private static let ai = "/api/v1/ai"

    private static func board(_ id: UUID) -> String { "\(ai)/blackboards/\(id.lowercasedString)" }
    private static func conversation(_ id: UUID) -> String { "\(ai)/conversations/\(id.lowercasedString)" }

    public func analyzeCode(_ request: AnalyzeCodeRequest, caller: Caller) async throws -> CodeAnalysis {
        try await transport.fetch(.POST, "\(Self.ai)/analyze", caller: caller, body: request)
    }

    public func generateSuggestions(_ request: SuggestionsRequest, caller: Caller) async throws -> [Suggestion] {
        try await transport.fetch(.POST, "\(Self.ai)/suggestions", caller: caller, body: request)
    }

    public func initializeBlackboard(_ request: CreateBlackboardRequest, caller: Caller) async throws -> Blackboard {
        try await transport.fetch(.POST, "\(Self.ai)/blackboards", caller: caller, body: request)
    }

    public func contributeKnowledge(_ blackboardId: UUID, _ knowledge: Knowledge, caller: Caller) async throws {
        try await transport.send(.POST, "\(Self.board(blackboardId))/knowledge", caller: caller, body: knowledge)
    }

    public func runBlackboard(_ id: UUID, caller: Caller) async throws -> BlackboardRunResult {
        try await transport.fetch(.POST, "\(Self.board(id))/run", caller: caller)
    }

    public func blackboard(_ id: UUID, caller: Caller) async throws -> BlackboardDetail {
        try await transport.fetch(.GET, Self.board(id), caller: caller)
    }

    public func synthesizeSolution(_ id: UUID, caller: Caller) async throws -> Solution {
        try await transport.fetch(.POST, "\(Self.board(id))/solution", caller: caller)
    }

    public func startConversation(caller: Caller) async throws -> Conversation {
        try await transport.fetch(.POST, "\(Self.ai)/conversations", caller: caller)
    }

    public func sendMessage(_ conversationId: UUID, _ request: SendMessageRequest, caller: Caller) async throws -> SendMessageResponse {
        try await transport.fetch(.POST, "\(Self.conversation(conversationId))/messages", caller: caller, body: request)
    }

    public func streamResponse(_ conversationId: UUID, caller: Caller) async throws -> AsyncThrowingStream<StreamEvent, any Error> {
        let body = try await transport.openStream(.GET, "\(Self.conversation(conversationId))/stream", caller: caller)
        let (events, continuation) = AsyncThrowingStream.makeStream(of: StreamEvent.self)
        // Owned by the stream: when the caller stops reading, the task (and with it the connection) is cancelled.
        let task = Task {
            var parser = ServerSentEventParser()
            do {
                for try await chunk in body {
                    for frame in try parser.consume(chunk.readableBytesView) {
                        let event = try JSONCoding.makeDecoder().decode(StreamEvent.self, from: Data(frame.data.utf8))
                        continuation.yield(event)
                        if case .done = event {
                            continuation.finish()
                            return
                        }
                    }
                }
                continuation.finish(throwing: AppError(.serviceUnavailable, "The answer stream ended before its done event."))
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        return events
    }

    public func providers(caller: Caller) async throws -> [ProviderStatus] {
        try await transport.fetch(.GET, "\(Self.ai)/providers", caller: caller)
    }
}
