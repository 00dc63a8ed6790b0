import Foundation

/// The learning service's operations, always about the calling user's own progress. Implemented in process by the
/// Learning library and over HTTP by `DevMentorClient`. Request DTOs are validated (400 `VALIDATION_FAILED`) first.
public protocol LearningService: Sendable {
    /// `GET /api/v1/learning/path` → 200; every module of the curriculum with the caller's progress in it.
    func getPath(caller: Caller) async throws -> LearningPath

    /// `PUT /api/v1/learning/progress` → 204; 404 `NOT_FOUND` for an unknown module. Idempotent, and never lowers the
    /// stored progress unless `allowDecrease` is true.
    func updateProgress(_ request: UpdateProgressRequest, caller: Caller) async throws

    /// `GET /api/v1/learning/quizzes` → 200.
    func listQuizzes(caller: Caller) async throws -> [QuizSummary]

    /// `GET /api/v1/learning/quizzes/{id}` → 200 without the answers; 404 `NOT_FOUND`.
    func getQuiz(_ id: UUID, caller: Caller) async throws -> Quiz

    /// `POST /api/v1/learning/quizzes/{id}/answers` → 200, scored on the server, every wrong answer explained; 404
    /// `NOT_FOUND` for an unknown quiz, 400 `VALIDATION_FAILED` (`answers[i].questionId` / `answers[i].choice`) for a
    /// question not in the quiz, a question answered twice or a choice it does not offer, and (`answers`) when a
    /// question of the quiz is left unanswered. Schedules the quiz's spaced review and emits `learning.quiz_completed`.
    func submitAnswer(_ quizId: UUID, _ request: SubmitAnswersRequest, caller: Caller) async throws -> QuizResult

    /// `GET /api/v1/learning/recommendations` → 200, at most `LearningRules.maxRecommendations`, most urgent first;
    /// reflects quiz results, due reviews, progress and events from the other services (AI findings, project activity).
    func getRecommendations(caller: Caller) async throws -> [Recommendation]

    /// `GET /api/v1/learning/agents/status` → 200, the learning actors.
    func agentStatus(caller: Caller) async throws -> [AgentStatus]
}
