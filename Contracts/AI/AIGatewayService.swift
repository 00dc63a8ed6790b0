import Foundation

/// The AI gateway's operations. Implemented in process by the AIGateway library and over HTTP by
/// `DevMentorClient`. Blackboards and conversations belong to the user who created them: another user's id
/// answers 404 `NOT_FOUND`, like an unknown one. Request DTOs are validated (400 `VALIDATION_FAILED`) first.
/// When every model provider of the fallback chain fails the built-in local analyzer answers, so provider outages
/// surface as degraded answers, not errors.
public protocol AIGatewayService: Sendable {
    /// `POST /api/v1/ai/analyze` → 200; runs a blackboard with every registered knowledge agent and synthesizes its
    /// solution. Emits `ai.analysis_completed`.
    func analyzeCode(_ request: AnalyzeCodeRequest, caller: Caller) async throws -> CodeAnalysis

    /// `POST /api/v1/ai/suggestions` → 200, most urgent first.
    func generateSuggestions(_ request: SuggestionsRequest, caller: Caller) async throws -> [Suggestion]

    /// `POST /api/v1/ai/blackboards` → 201 with status `open`.
    func initializeBlackboard(_ request: CreateBlackboardRequest, caller: Caller) async throws -> Blackboard

    /// `POST /api/v1/ai/blackboards/{id}/knowledge` → 202; 404 `NOT_FOUND` for an unknown blackboard.
    func contributeKnowledge(_ blackboardId: UUID, _ knowledge: Knowledge, caller: Caller) async throws

    /// `POST /api/v1/ai/blackboards/{id}/run` → 200 `{contributions: n}`: every agent contributes; 404 `NOT_FOUND`.
    func runBlackboard(_ id: UUID, caller: Caller) async throws -> BlackboardRunResult

    /// `GET /api/v1/ai/blackboards/{id}` → 200; 404 `NOT_FOUND`.
    func blackboard(_ id: UUID, caller: Caller) async throws -> BlackboardDetail

    /// `POST /api/v1/ai/blackboards/{id}/solution` → 200; 404 `NOT_FOUND`. With no contributions the solution says
    /// so with confidence 0 rather than failing.
    func synthesizeSolution(_ id: UUID, caller: Caller) async throws -> Solution

    /// `POST /api/v1/ai/conversations` → 201.
    func startConversation(caller: Caller) async throws -> Conversation

    /// `POST /api/v1/ai/conversations/{id}/messages` → 200 with the assistant's answer; 404 `NOT_FOUND`.
    func sendMessage(_ conversationId: UUID, _ request: SendMessageRequest, caller: Caller) async throws -> SendMessageResponse

    /// `GET /api/v1/ai/conversations/{id}/stream` → `text/event-stream`: the latest answer as `token` events then one
    /// `done`. Throws 404 `NOT_FOUND` before the stream starts for an unknown conversation; a conversation without an
    /// answer yet streams only `done(tokens: 0)`.
    func streamResponse(_ conversationId: UUID, caller: Caller) async throws -> AsyncThrowingStream<StreamEvent, any Error>

    /// `GET /api/v1/ai/providers` → 200, in fallback order.
    func providers(caller: Caller) async throws -> [ProviderStatus]
}
