import Contracts
import Foundation

/// Everything stored about one learner that the path and the recommendations are computed from.
public struct LearnerRecord: Sendable, Equatable {
    /// The spaced-review state of one quiz the learner has taken.
    public struct Review: Sendable, Equatable {
        public var quizId: UUID
        /// Leitner box, 0 after a failure.
        public var box: Int
        public var dueAt: Date
        public var lastPassed: Bool
        public var lastScore: Double
        public var answeredAt: Date
        public var attempts: Int

        public init(quizId: UUID, box: Int, dueAt: Date, lastPassed: Bool, lastScore: Double, answeredAt: Date, attempts: Int) {
            self.quizId = quizId
            self.box = box
            self.dueAt = dueAt
            self.lastPassed = lastPassed
            self.lastScore = lastScore
            self.answeredAt = answeredAt
            self.attempts = attempts
        }
    }

    /// The finding counts of the learner's latest analysis.
    public struct Findings: Sendable, Equatable {
        public var analysisId: UUID
        public var occurredAt: Date
        public var counts: [RuleID: Int]

        public init(analysisId: UUID, occurredAt: Date, counts: [RuleID: Int]) {
            self.analysisId = analysisId
            self.occurredAt = occurredAt
            self.counts = counts
        }
    }

    /// A practice module opened by project activity.
    public struct PracticeUnlock: Sendable, Equatable {
        public var moduleId: UUID
        public var eventType: EventType
        public var projectName: String
        public var occurredAt: Date

        public init(moduleId: UUID, eventType: EventType, projectName: String, occurredAt: Date) {
            self.moduleId = moduleId
            self.eventType = eventType
            self.projectName = projectName
            self.occurredAt = occurredAt
        }
    }

    public var userId: UUID
    /// Percent done per module id; absent means 0.
    public var progress: [UUID: Int]
    /// Per quiz id.
    public var reviews: [UUID: Review]
    public var findings: Findings?
    /// Per module id.
    public var unlocks: [UUID: PracticeUnlock]

    public init(
        userId: UUID, progress: [UUID: Int] = [:], reviews: [UUID: Review] = [:], findings: Findings? = nil,
        unlocks: [UUID: PracticeUnlock] = [:]
    ) {
        self.userId = userId
        self.progress = progress
        self.reviews = reviews
        self.findings = findings
        self.unlocks = unlocks
    }

    public func progress(of moduleId: UUID) -> Int { progress[moduleId] ?? 0 }
}
