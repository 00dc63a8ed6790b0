import Foundation

/// Learning/: the learning path, quizzes, recommendations and the learning actors.
extension SchemaCatalog {
    static let learning: [String: OpenAPISchema] = [
        "LearningPath": .object([
            "userId": .uuid,
            "modules": .array(.ref("LearningPath.Module")).described("In curriculum order."),
        ]),
        "LearningPath.Module": .object([
            "id": .uuid,
            "title": .string,
            "status": .ref(ModuleStatus.self),
            "progress": .integer.range(LearningRules.progress),
        ]),
        "ModuleStatus": .stringEnum(ModuleStatus.self),
        "QuizSummary": .object([
            "id": .uuid,
            "title": .string,
            "moduleId": .uuid,
        ]),
        "Quiz": .object([
            "id": .uuid,
            "title": .string,
            "moduleId": .uuid,
            "questions": .array(.ref("Quiz.Question")),
        ]),
        "Quiz.Question": .object([
            "id": .uuid,
            "text": .string,
            "choices": .array(.string).described("Answered by 0-based index."),
        ]),
        "QuizResult": .object([
            "score": .number.range(0.0...100.0).described("Percent of the quiz's questions answered correctly."),
            "correct": .integer.minimum(0),
            "total": .integer.minimum(0),
            "passed": .boolean,
        ]),
        "Recommendation": .object([
            "moduleId": .uuid,
            "reason": .string,
            "priority": .ref(Priority.self),
        ]),
        "AgentStatus": .object([
            "name": .string,
            "state": .ref(AgentState.self),
            "processed": .integer.minimum(0),
            "mailbox": .integer.minimum(0),
        ]),
        "AgentState": .stringEnum(AgentState.self),

        // Requests, with the limits of `LearningRules`.
        "UpdateProgressRequest": .object([
            "moduleId": .uuid,
            "progress": .integer.range(LearningRules.progress),
        ]),
        "SubmitAnswersRequest": .object([
            "answers": .array(.ref(QuizAnswer.self)).count(1...LearningRules.maxAnswers),
        ]),
        "QuizAnswer": .object([
            "questionId": .uuid,
            "choice": .integer.range(0...(LearningRules.maxChoices - 1)).described("0-based index into the question's `choices`."),
        ]),
    ]
}
