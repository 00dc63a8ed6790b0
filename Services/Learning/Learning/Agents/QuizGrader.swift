import Contracts
import Foundation
import Resilience

/// The agent that scores quizzes on the server, schedules their spaced review and announces
/// `learning.quiz_completed` (through the outbox, in the attempt's transaction).
public actor QuizGrader {
    public static let name = "quiz-grader"

    public nonisolated let mailbox: Mailbox
    nonisolated let curriculum: Curriculum
    nonisolated let repository: any LearningRepository
    nonisolated let clock: any ResilienceClock
    nonisolated let schedule: LeitnerSchedule

    private(set) var passed = 0
    private(set) var failed = 0

    public init(
        curriculum: Curriculum, repository: any LearningRepository, clock: any ResilienceClock, schedule: LeitnerSchedule = LeitnerSchedule(),
        mailboxCapacity: Int
    ) {
        self.curriculum = curriculum
        self.repository = repository
        self.clock = clock
        self.schedule = schedule
        mailbox = Mailbox(name: Self.name, capacity: mailboxCapacity, capabilities: ["learning.quiz.submit"])
    }

    public nonisolated func summaries() -> [QuizSummary] {
        curriculum.summaries()
    }

    /// The quiz without its answers; 404 for an unknown id.
    public nonisolated func quiz(_ id: UUID) throws(AppError) -> Quiz {
        guard let quiz = curriculum.quiz(id), let view = curriculum.publicQuiz(quiz) else { throw AppError.notFound("quiz") }
        return view
    }

    public nonisolated func submit(_ quizId: UUID, _ request: SubmitAnswersRequest, for userId: UUID) async throws -> QuizResult {
        guard let quiz = curriculum.quiz(quizId), let module = curriculum.module(of: quiz) else { throw AppError.notFound("quiz") }
        // Bad input is refused before the mailbox: it should not queue behind real work nor count as a failure.
        var result = try QuizGrading.grade(request, against: quiz)
        let graded = result
        let answeredAt = Self.wholeSeconds(clock.wallClockNow())
        let dueAt = try await mailbox.perform { [repository, schedule] in
            try await repository.recordAttempt(
                userId: userId, quiz: quiz, moduleId: module.id, result: graded, at: answeredAt, schedule: schedule
            ) { dueAt in
                var announced = graded
                announced.nextReviewAt = dueAt
                return try EventEnvelope.make(
                    .learningQuizCompleted, subject: quiz.id.lowercasedString, actorId: userId,
                    payload: QuizCompletedData(quizId: quiz.id, moduleId: module.id, userId: userId, result: announced),
                    occurredAt: answeredAt
                )
            }
        }
        await note(passed: result.passed)
        result.nextReviewAt = dueAt
        return result
    }

    private func note(passed: Bool) {
        if passed { self.passed += 1 } else { failed += 1 }
    }

    /// Stored and announced times are whole seconds, like every timestamp on the wire.
    static func wholeSeconds(_ date: Date) -> Date {
        Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
    }
}
