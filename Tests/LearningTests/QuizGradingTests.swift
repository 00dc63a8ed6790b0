import Contracts
import Foundation
import Learning
import Testing

@Suite("Quiz grading")
struct QuizGradingTests {
    static let quiz = CurriculumTests.shipped.quizzes[0]

    static func answers(_ pick: (CurriculumQuiz.Question) -> Int) -> SubmitAnswersRequest {
        SubmitAnswersRequest(answers: quiz.questions.map { QuizAnswer(questionId: $0.id, choice: pick($0)) })
    }

    static func wrong(_ question: CurriculumQuiz.Question) -> Int { (question.answer + 1) % question.choices.count }

    @Test func allRightPassesWithNoMistakes() throws {
        let result = try QuizGrading.grade(Self.answers(\.answer), against: Self.quiz)
        #expect(result.correct == Self.quiz.questions.count)
        #expect(result.total == Self.quiz.questions.count)
        #expect(result.score == 100)
        #expect(result.passed)
        #expect(result.mistakes.isEmpty)
    }

    @Test func everyWrongAnswerIsExplainedInQuestionOrder() throws {
        let questions = Self.quiz.questions
        // Wrong on the first and the last question, right on the others: 3 of 5 is 60%, below the 70% pass mark.
        let request = Self.answers { question in
            question.id == questions.first!.id || question.id == questions.last!.id ? Self.wrong(question) : question.answer
        }
        let result = try QuizGrading.grade(request, against: Self.quiz)
        #expect(result.correct == questions.count - 2)
        #expect(!result.passed)
        #expect(result.mistakes.map(\.questionId) == [questions.first!.id, questions.last!.id])
        #expect(result.mistakes[0].correctChoice == questions[0].answer)
        #expect(result.mistakes[0].choice == Self.wrong(questions[0]))
        #expect(result.mistakes[0].explanation == questions[0].explanation)
    }

    @Test func answersInAnyOrderScoreTheSame() throws {
        let forward = try QuizGrading.grade(Self.answers(\.answer), against: Self.quiz)
        let reversed = try QuizGrading.grade(SubmitAnswersRequest(answers: Self.answers(\.answer).answers.reversed()), against: Self.quiz)
        #expect(forward == reversed)
    }

    @Test func badSubmissionsNameTheField() {
        let questions = Self.quiz.questions
        let foreign = CurriculumTests.shipped.quizzes[1].questions[0].id
        var unknown = Self.answers(\.answer).answers
        unknown[2] = QuizAnswer(questionId: foreign, choice: 0)
        var duplicate = Self.answers(\.answer).answers
        duplicate[3] = QuizAnswer(questionId: questions[1].id, choice: 0)
        var badChoice = Self.answers(\.answer).answers
        badChoice[1] = QuizAnswer(questionId: questions[1].id, choice: questions[1].choices.count)
        let missing = Array(Self.answers(\.answer).answers.dropLast())
        let cases: [([QuizAnswer], String)] = [
            (unknown, "answers[2].questionId"), (duplicate, "answers[3].questionId"), (badChoice, "answers[1].choice"),
            (missing, "answers"), ([], "answers"),
        ]
        for (answers, field) in cases {
            do {
                _ = try QuizGrading.grade(SubmitAnswersRequest(answers: answers), against: Self.quiz)
                Issue.record("\(field) accepted")
            } catch {
                #expect(error.code == .validationFailed)
                #expect(error.details?["field"] == .string(field), "\(error)")
            }
        }
    }
}
