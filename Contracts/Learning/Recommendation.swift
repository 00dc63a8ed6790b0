import Foundation

/// One element of `GET /api/v1/learning/recommendations`.
public struct Recommendation: Codable, Sendable, Equatable {
    /// What led to it; recommendations are ordered by priority, then by kind in this order.
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// Findings of an AI analysis of the user's code that this module teaches.
        case analysisFindings
        /// A quiz of this module was failed.
        case failedQuiz
        /// A quiz of this module is due for spaced review.
        case reviewDue
        /// Project activity opened this practice module.
        case projectActivity
        /// The module was started and not finished.
        case continueModule
        /// The next module the prerequisites allow.
        case nextModule
    }

    public var moduleId: UUID
    /// Why: a failed quiz, an AI finding in the user's code, project activity…
    public var reason: String
    public var priority: Priority
    public var kind: Kind
    /// The quiz to take (a failed or due one), when there is one.
    public var quizId: UUID?
    /// When the review is due (`reviewDue`, and `failedQuiz`, whose retry is due the next day).
    public var dueAt: Date?

    public init(moduleId: UUID, reason: String, priority: Priority, kind: Kind, quizId: UUID? = nil, dueAt: Date? = nil) {
        self.moduleId = moduleId
        self.reason = reason
        self.priority = priority
        self.kind = kind
        self.quizId = quizId
        self.dueAt = dueAt
    }
}
