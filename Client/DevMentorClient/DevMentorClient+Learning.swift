import Contracts
import Foundation

/// The learning service's routes under `/api/v1/learning` (docs/api.md). Requests go out as they are: the server
/// validates them and its `AppError` comes back unchanged.
extension DevMentorClient: LearningService {
    private static let learning = "/api/v1/learning"

    public func getPath(caller: Caller) async throws -> LearningPath {
        try await transport.fetch(.GET, "\(Self.learning)/path", caller: caller)
    }

    public func updateProgress(_ request: UpdateProgressRequest, caller: Caller) async throws {
        try await transport.send(.PUT, "\(Self.learning)/progress", caller: caller, body: request)
    }

    public func listQuizzes(caller: Caller) async throws -> [QuizSummary] {
        try await transport.fetch(.GET, "\(Self.learning)/quizzes", caller: caller)
    }

    public func getQuiz(_ id: UUID, caller: Caller) async throws -> Quiz {
        try await transport.fetch(.GET, "\(Self.learning)/quizzes/\(id.uuidString.lowercased())", caller: caller)
    }

    public func submitAnswer(_ quizId: UUID, _ request: SubmitAnswersRequest, caller: Caller) async throws -> QuizResult {
        return try await transport.fetch(.POST, "\(Self.learning)/quizzes/\(quizId.uuidString.lowercased())/answers", caller: caller, body: request)
    }

    public func getRecommendations(caller: Caller) async throws -> [Recommendation] {
        try await transport.fetch(.GET, "\(Self.learning)/recommendations", caller: caller)
    }

    public func agentStatus(caller: Caller) async throws -> [AgentStatus] {
        try await transport.fetch(.GET, "\(Self.learning)/agents/status", caller: caller)
    }
}
