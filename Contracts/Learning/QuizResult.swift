import Foundation

/// `POST /api/v1/learning/quizzes/{id}/answers` → `{score, correct, total, passed, mistakes, nextReviewAt}`.
public struct QuizResult: Codable, Sendable, Equatable {
    /// One wrongly answered question, with the right answer and why it is right.
    public struct Mistake: Codable, Sendable, Equatable {
        public var questionId: UUID
        /// The index the caller chose.
        public var choice: Int
        /// The index of the right answer.
        public var correctChoice: Int
        public var explanation: String

        public init(questionId: UUID, choice: Int, correctChoice: Int, explanation: String) {
            self.questionId = questionId
            self.choice = choice
            self.correctChoice = correctChoice
            self.explanation = explanation
        }
    }

    /// Percent of the quiz's questions answered correctly, 0...100.
    public var score: Double
    public var correct: Int
    /// The number of questions of the quiz; a submission answers every one of them.
    public var total: Int
    public var passed: Bool
    /// Every wrong answer, in the quiz's question order; empty when all are right.
    public var mistakes: [Mistake]
    /// When the quiz is due for spaced review (Leitner boxes, `LearningRules.reviewIntervalsDays`).
    public var nextReviewAt: Date?

    public init(score: Double, correct: Int, total: Int, passed: Bool, mistakes: [Mistake] = [], nextReviewAt: Date? = nil) {
        self.score = score
        self.correct = correct
        self.total = total
        self.passed = passed
        self.mistakes = mistakes
        self.nextReviewAt = nextReviewAt
    }

    /// The result of `correct` right answers out of `total`, passed at `LearningRules.passingScore`.
    public init(correct: Int, total: Int, mistakes: [Mistake] = [], nextReviewAt: Date? = nil) {
        let score = total > 0 ? Double(correct) * 100 / Double(total) : 0
        self.init(
            score: score, correct: correct, total: total, passed: score >= LearningRules.passingScore, mistakes: mistakes,
            nextReviewAt: nextReviewAt
        )
    }

    private enum CodingKeys: String, CodingKey {
        case score, correct, total, passed, mistakes, nextReviewAt
    }

    /// `mistakes` may be missing in results written before it existed (events on the stream).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        score = try container.decode(Double.self, forKey: .score)
        correct = try container.decode(Int.self, forKey: .correct)
        total = try container.decode(Int.self, forKey: .total)
        passed = try container.decode(Bool.self, forKey: .passed)
        mistakes = try container.decodeIfPresent([Mistake].self, forKey: .mistakes) ?? []
        nextReviewAt = try container.decodeIfPresent(Date.self, forKey: .nextReviewAt)
    }
}
