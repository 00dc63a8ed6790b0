import Foundation

/// `PUT /api/v1/learning/progress` → `{moduleId, progress: 0..100, allowDecrease?}`.
///
/// Idempotent: the stored progress becomes `max(stored, progress)`, so a repeated or late-arriving request never
/// moves a learner backwards. `allowDecrease: true` is the explicit way to lower it (starting a module over).
public struct UpdateProgressRequest: Codable, Sendable, Equatable, Validatable {
    public var moduleId: UUID
    /// Percent of the module done.
    public var progress: Int
    /// Set to lower the stored progress to `progress`; absent or false keeps the higher of the two.
    public var allowDecrease: Bool?

    public init(moduleId: UUID, progress: Int, allowDecrease: Bool? = nil) {
        self.moduleId = moduleId
        self.progress = progress
        self.allowDecrease = allowDecrease
    }

    public func validate() throws(AppError) {
        try Check.range(progress, "progress", LearningRules.progress)
    }
}

/// One answer of a quiz submission: the 0-based index of the chosen entry of the question's `choices`.
public struct QuizAnswer: Codable, Sendable, Equatable {
    public var questionId: UUID
    public var choice: Int

    public init(questionId: UUID, choice: Int) {
        self.questionId = questionId
        self.choice = choice
    }
}

/// `POST /api/v1/learning/quizzes/{id}/answers` → `{answers: [{questionId, choice}]}`.
public struct SubmitAnswersRequest: Codable, Sendable, Equatable, Validatable {
    public var answers: [QuizAnswer]

    public init(answers: [QuizAnswer]) { self.answers = answers }

    /// Static rules only; whether the answers cover exactly the quiz's questions and each choice exists is the
    /// service's check, reported with the same `answers` / `answers[i].questionId` / `answers[i].choice` field names.
    public func validate() throws(AppError) {
        try Check.count(answers, "answers", 1...LearningRules.maxAnswers)
        var seen: Set<UUID> = []
        for (index, answer) in answers.enumerated() {
            try Check.range(answer.choice, "answers[\(index)].choice", 0...(LearningRules.maxChoices - 1))
            guard seen.insert(answer.questionId).inserted else {
                throw AppError.validation("answers[\(index)].questionId", "Question \(answer.questionId.lowercasedString) is answered twice.")
            }
        }
    }
}
