import Foundation

/// `GET /api/v1/learning/quizzes/{id}`: the questions without their answers.
public struct Quiz: Codable, Sendable, Equatable {
    public struct Question: Codable, Sendable, Equatable {
        public var id: UUID
        public var text: String
        /// Answered by index: `QuizAnswer.choice` 0 is the first entry.
        public var choices: [String]

        public init(id: UUID, text: String, choices: [String]) {
            self.id = id
            self.text = text
            self.choices = choices
        }
    }

    public var id: UUID
    public var title: String
    /// The module this quiz examines (an addition to docs/api.md's fields, so a client needs no second request).
    public var moduleId: UUID
    public var questions: [Question]

    public init(id: UUID, title: String, moduleId: UUID, questions: [Question]) {
        self.id = id
        self.title = title
        self.moduleId = moduleId
        self.questions = questions
    }
}
