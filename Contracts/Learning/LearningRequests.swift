import Foundation

/// `PUT /api/v1/learning/progress` → `{moduleId, progress: 0..100}`.
public struct UpdateProgressRequest: Codable, Sendable, Equatable, Validatable {
    public var moduleId: UUID
    /// Percent of the module done.
    public var progress: Int

    public init(moduleId: UUID, progress: Int) {
        self.moduleId = moduleId
        self.progress = progress
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

    /// Static rules only; whether each question belongs to the quiz and each choice exists is the service's check,
    /// reported with the same `answers[i].questionId` / `answers[i].choice` field names.
    public func validate() throws(AppError) {
        try Check.count(answers, "answers", 1...LearningRules.maxAnswers)
        var seen: Set<UUID> = []
        for (index, answer) in answers.enumerated() {
            try Check.range(answer.choice, "answers[\(index)].choice", 0...(LearningRules.maxChoices - 1))
            guard seen.insert(answer.questionId).inserted else {
                throw AppError.validation("answers[\(index)].questionId", "Question \(answer.questionId) is answered twice.")
            }
        }
    }
}
