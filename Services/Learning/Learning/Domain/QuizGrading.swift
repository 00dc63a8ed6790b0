import Contracts
import Foundation

/// Scores a submission against a quiz's answers. Pure: the grader agent stores and schedules what this decides.
public enum QuizGrading {
    /// The result (without its review date). A submission must answer every question of the quiz exactly once
    /// (`SubmitAnswersRequest.validate` already refused duplicates): a question of another quiz is
    /// `answers[i].questionId`, a choice the question does not offer `answers[i].choice`, a question left out
    /// `answers`.
    public static func grade(_ request: SubmitAnswersRequest, against quiz: CurriculumQuiz) throws(AppError) -> QuizResult {
        try request.validate()
        let questions = Dictionary(uniqueKeysWithValues: quiz.questions.map { ($0.id, $0) })
        var chosen: [UUID: Int] = [:]
        for (index, answer) in request.answers.enumerated() {
            guard let question = questions[answer.questionId] else {
                throw AppError.validation(
                    "answers[\(index)].questionId", "Question \(answer.questionId.lowercasedString) is not part of this quiz."
                )
            }
            guard question.choices.indices.contains(answer.choice) else {
                throw AppError.validation(
                    "answers[\(index)].choice", "Question \(answer.questionId.lowercasedString) offers choices 0 to \(question.choices.count - 1)."
                )
            }
            chosen[answer.questionId] = answer.choice
        }
        let missing = quiz.questions.filter { chosen[$0.id] == nil }
        guard missing.isEmpty else {
            let ids = missing.map { $0.id.lowercasedString }.joined(separator: ", ")
            throw AppError.validation("answers", "Every question must be answered; missing: \(ids).")
        }
        var mistakes: [QuizResult.Mistake] = []
        for question in quiz.questions {
            let choice = chosen[question.id] ?? -1
            if choice != question.answer {
                mistakes.append(QuizResult.Mistake(
                    questionId: question.id, choice: choice, correctChoice: question.answer, explanation: question.explanation
                ))
            }
        }
        return QuizResult(correct: quiz.questions.count - mistakes.count, total: quiz.questions.count, mistakes: mistakes)
    }
}
