import Contracts
import Foundation

/// `LearningService` in process: every operation goes to the agent that owns it, always for the caller's own id.
public struct LearningCore: LearningService {
    public let curriculum: Curriculum
    public let agents: LearningAgents

    public init(curriculum: Curriculum, agents: LearningAgents) {
        self.curriculum = curriculum
        self.agents = agents
    }

    public func getPath(caller: Caller) async throws -> LearningPath {
        try await agents.progress.path(for: caller.userId)
    }

    public func updateProgress(_ request: UpdateProgressRequest, caller: Caller) async throws {
        try await agents.progress.update(request, for: caller.userId)
    }

    public func listQuizzes(caller: Caller) async throws -> [QuizSummary] {
        agents.grader.summaries()
    }

    public func getQuiz(_ id: UUID, caller: Caller) async throws -> Quiz {
        try agents.grader.quiz(id)
    }

    public func submitAnswer(_ quizId: UUID, _ request: SubmitAnswersRequest, caller: Caller) async throws -> QuizResult {
        try await agents.grader.submit(quizId, request, for: caller.userId)
    }

    public func getRecommendations(caller: Caller) async throws -> [Recommendation] {
        try await agents.recommender.recommendations(for: caller.userId)
    }

    public func agentStatus(caller: Caller) async throws -> [AgentStatus] {
        await agents.statuses()
    }
}
