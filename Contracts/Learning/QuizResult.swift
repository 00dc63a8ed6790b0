import Foundation

/// `POST /api/v1/learning/quizzes/{id}/answers` → `{score, correct, total, passed}`.
public struct QuizResult: Codable, Sendable, Equatable {
    /// Percent of the quiz's questions answered correctly, 0...100.
    public var score: Double
    public var correct: Int
    /// The number of questions of the quiz (unanswered ones count as wrong).
    public var total: Int
    public var passed: Bool

    public init(score: Double, correct: Int, total: Int, passed: Bool) {
        self.score = score
        self.correct = correct
        self.total = total
        self.passed = passed
    }

    /// The result of `correct` right answers out of `total`, passed at `LearningRules.passingScore`.
    public init(correct: Int, total: Int) {
        let score = total > 0 ? Double(correct) * 100 / Double(total) : 0
        self.init(score: score, correct: correct, total: total, passed: score >= LearningRules.passingScore)
    }
}
