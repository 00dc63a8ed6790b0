import Foundation
import Testing
import Contracts

@Suite("Learning request validation")
struct LearningValidationTests {
    static let module = Fixture.projectId

    static let progressCases: [ValidationCase] = [
        .valid("progress 0", UpdateProgressRequest(moduleId: module, progress: 0)),
        .valid("progress 100", UpdateProgressRequest(moduleId: module, progress: 100)),
        .invalid("progress -1", UpdateProgressRequest(moduleId: module, progress: -1), field: "progress"),
        .invalid("progress 101", UpdateProgressRequest(moduleId: module, progress: 101), field: "progress"),
    ]

    @Test("UpdateProgressRequest", arguments: progressCases)
    func progress(_ testCase: ValidationCase) { check(testCase) }

    static func answers(_ choices: [Int]) -> SubmitAnswersRequest {
        SubmitAnswersRequest(answers: choices.enumerated().map { index, choice in
            QuizAnswer(questionId: UUID(uuidString: String(format: "00000000-0000-4000-8000-%012d", index))!, choice: choice)
        })
    }

    static let answerCases: [ValidationCase] = {
        let first = UUID(uuidString: "00000000-0000-4000-8000-000000000000")!
        let duplicate = SubmitAnswersRequest(answers: [
            QuizAnswer(questionId: first, choice: 0), QuizAnswer(questionId: Fixture.userA, choice: 1), QuizAnswer(questionId: first, choice: 2),
        ])
        return [
            .valid("one answer", answers([0])),
            .valid("100 answers", answers(Array(repeating: 1, count: 100))),
            .invalid("101 answers", answers(Array(repeating: 1, count: 101)), field: "answers"),
            .invalid("no answers", answers([]), field: "answers"),
            .valid("choice 25", answers([25])),
            .invalid("choice 26", answers([0, 1, 26]), field: "answers[2].choice"),
            .invalid("choice -1", answers([-1]), field: "answers[0].choice"),
            .invalid("question answered twice", duplicate, field: "answers[2].questionId"),
        ]
    }()

    @Test("SubmitAnswersRequest", arguments: answerCases)
    func submit(_ testCase: ValidationCase) { check(testCase) }

    @Test("QuizResult scoring", arguments: [(7, 10, 70.0, true), (2, 3, 200.0 / 3, false), (0, 0, 0, false), (10, 10, 100, true)])
    func scoring(correct: Int, total: Int, score: Double, passed: Bool) {
        let result = QuizResult(correct: correct, total: total)
        #expect(abs(result.score - score) < 1e-9)
        #expect(result.passed == passed)
        #expect(result.correct == correct && result.total == total)
    }

    @Test("ModuleStatus from progress and prerequisites", arguments: [
        (0, false, ModuleStatus.locked), (0, true, .available), (1, false, .inProgress), (99, true, .inProgress), (100, false, .completed),
    ])
    func moduleStatus(progress: Int, unlocked: Bool, status: ModuleStatus) {
        #expect(ModuleStatus(progress: progress, unlocked: unlocked) == status)
    }
}
