import Contracts
import Foundation
import Learning
import Testing

@Suite("Leitner schedule")
struct LeitnerScheduleTests {
    static let start = Date(timeIntervalSince1970: 1_780_000_000)
    static let day: TimeInterval = 86_400

    @Test func consecutivePassesAreDueAfterOneThreeSevenAndTwentyOneDays() {
        let schedule = LeitnerSchedule()
        var box = 0
        var expected: [Int] = []
        for _ in 0..<6 {
            let next = schedule.next(from: box, passed: true, answeredAt: Self.start)
            box = next.box
            expected.append(Int(next.dueAt.timeIntervalSince(Self.start) / Self.day))
        }
        #expect(expected == [1, 3, 7, 21, 21, 21])
        #expect(box == 4)
    }

    @Test func aFailureGoesBackToTheFirstBoxDueTomorrow() {
        let schedule = LeitnerSchedule()
        let failed = schedule.next(from: 3, passed: false, answeredAt: Self.start)
        #expect(failed.box == 0)
        #expect(failed.dueAt == Self.start.addingTimeInterval(Self.day))
        let passedAgain = schedule.next(from: failed.box, passed: true, answeredAt: Self.start)
        #expect(passedAgain.box == 1)
        #expect(passedAgain.dueAt == Self.start.addingTimeInterval(Self.day))
    }

    @Test func theContractsIntervalsAreTheOnesUsed() {
        #expect(LearningRules.reviewIntervalsDays == [1, 3, 7, 21])
        #expect(LearningRules.failedReviewDays == 1)
    }
}
