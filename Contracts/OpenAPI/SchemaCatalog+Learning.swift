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
            "status": .ref(ModuleStatus.self).described("locked until the prerequisites are completed; progress 1..99 is inProgress, 100 completed."),
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
            "passed": .boolean.described("Score at least \(Int(LearningRules.passingScore))."),
            "mistakes": .array(.ref("QuizResult.Mistake")).described("Every wrong answer with the right one and an explanation."),
            "nextReviewAt": .dateTime.optional.described(
                "When the quiz is due for spaced review: after \(LearningRules.reviewIntervalsDays.map(String.init).joined(separator: ", ")) days for consecutive passes, the next day after a failure."
            ),
        ]),
        "QuizResult.Mistake": .object([
            "questionId": .uuid,
            "choice": .integer.minimum(0).described("The index chosen."),
            "correctChoice": .integer.minimum(0).described("The index of the right answer."),
            "explanation": .string,
        ]),
        "Recommendation": .object([
            "moduleId": .uuid,
            "reason": .string.described("A human sentence: the findings, the failed quiz, the due review, the project activity."),
            "priority": .ref(Priority.self),
            "kind": .ref("Recommendation.Kind"),
            "quizId": .uuid.optional.described("The quiz to take, for a failed or due quiz."),
            "dueAt": .dateTime.optional.described("When the review is due."),
        ]),
        "Recommendation.Kind": .stringEnum(Recommendation.Kind.self),
        "AgentStatus": .object([
            "name": .string,
            "state": .ref(AgentState.self),
            "processed": .integer.minimum(0).described("Messages handled since start, failed ones included."),
            "mailbox": .integer.minimum(0).described("Messages waiting."),
            "mailboxCapacity": .integer.minimum(1).described("Messages the mailbox holds before senders wait."),
            "failed": .integer.minimum(0),
            "lastError": .string.optional.described("The last failure since start."),
            "capabilities": .array(.string).described("The messages the agent understands: operations, or the event types it reacts to."),
        ]),
        "AgentState": .stringEnum(AgentState.self),

        // Requests, with the limits of `LearningRules`.
        "UpdateProgressRequest": .object([
            "moduleId": .uuid,
            "progress": .integer.range(LearningRules.progress),
            "allowDecrease": .boolean.optional.described(
                "Progress never moves backwards (the higher of stored and sent is kept) unless this is true."
            ),
        ]),
        "SubmitAnswersRequest": .object([
            "answers": .array(.ref(QuizAnswer.self)).count(1...LearningRules.maxAnswers).described(
                "Every question of the quiz exactly once, in any order: a question left out is 400 (`answers`), one answered twice or not in the quiz 400 (`answers[i].questionId`), a choice it does not offer 400 (`answers[i].choice`)."
            ),
        ]),
        "QuizAnswer": .object([
            "questionId": .uuid,
            "choice": .integer.range(0...(LearningRules.maxChoices - 1)).described("0-based index into the question's `choices`."),
        ]),
    ]
}
