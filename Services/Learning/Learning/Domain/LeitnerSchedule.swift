import Contracts
import Foundation

/// Spaced review with Leitner boxes, as flash-card tools do it. A quiz starts outside any box (0); each pass moves
/// it one box up, and box n is due again after `LearningRules.reviewIntervalsDays[n - 1]` days (the last interval
/// repeating once the top box is reached). A failure sends it back to box 0, due `failedReviewDays` later.
public struct LeitnerSchedule: Sendable {
    public let intervalsDays: [Int]
    public let failedDays: Int

    public init(intervalsDays: [Int] = LearningRules.reviewIntervalsDays, failedDays: Int = LearningRules.failedReviewDays) {
        precondition(!intervalsDays.isEmpty && intervalsDays.allSatisfy { $0 > 0 } && failedDays > 0)
        self.intervalsDays = intervalsDays
        self.failedDays = failedDays
    }

    /// The box after an attempt, from the box before it.
    public func box(after previous: Int, passed: Bool) -> Int {
        passed ? min(previous + 1, intervalsDays.count) : 0
    }

    /// When a quiz in `box` (after an attempt at `answeredAt`) is due again.
    public func dueDate(box: Int, answeredAt: Date) -> Date {
        let days = box == 0 ? failedDays : intervalsDays[min(box, intervalsDays.count) - 1]
        return answeredAt.addingTimeInterval(TimeInterval(days) * 86_400)
    }

    /// The review state after an attempt.
    public func next(from previous: Int, passed: Bool, answeredAt: Date) -> (box: Int, dueAt: Date) {
        let box = box(after: previous, passed: passed)
        return (box, dueDate(box: box, answeredAt: answeredAt))
    }
}
