import Contracts
import Foundation

/// Where learners' progress, attempts, reviews and event-derived signals live. Every read and write is about one
/// user, named by the caller's verified id: nothing here can reach another user's rows.
public protocol LearningRepository: Sendable {
    /// Everything stored about `userId` (empty for a new learner).
    func record(of userId: UUID) async throws -> LearnerRecord

    /// Stores `progress` for the module: the higher of stored and given, or exactly the given one when
    /// `allowDecrease`. Returns the value before (nil for none) and the value stored.
    @discardableResult
    func updateProgress(userId: UUID, moduleId: UUID, progress: Int, allowDecrease: Bool, at: Date) async throws -> (previous: Int?, stored: Int)

    /// Records a graded attempt, moves the quiz's Leitner box, completes the module when passed, and appends
    /// `event` (made from the review date) to the outbox, all in one transaction. Returns the review date.
    func recordAttempt(
        userId: UUID, quiz: CurriculumQuiz, moduleId: UUID, result: QuizResult, at: Date, schedule: LeitnerSchedule,
        event: @Sendable (Date) throws -> EventEnvelope
    ) async throws -> Date

    /// Replaces the learner's latest analysis with this one unless a later one is stored; false when `eventId`
    /// was applied before (nothing changes).
    func applyFindings(eventId: UUID, userId: UUID, analysisId: UUID, occurredAt: Date, counts: [RuleID: Int]) async throws -> Bool

    /// Opens practice modules for users; false when `eventId` was applied before.
    func applyUnlocks(
        eventId: UUID, eventType: EventType, users: [UUID], moduleIds: [UUID], projectId: UUID, projectName: String, occurredAt: Date
    ) async throws -> Bool
}
