import Foundation

/// `learning.quiz_completed` (subject: the quiz id, actor: the user who answered).
public struct QuizCompletedData: Codable, Sendable, Equatable {
    public var quizId: UUID
    public var moduleId: UUID
    public var userId: UUID
    public var result: QuizResult

    public init(quizId: UUID, moduleId: UUID, userId: UUID, result: QuizResult) {
        self.quizId = quizId
        self.moduleId = moduleId
        self.userId = userId
        self.result = result
    }
}
