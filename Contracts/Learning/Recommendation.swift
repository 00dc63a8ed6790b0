import Foundation

/// One element of `GET /api/v1/learning/recommendations`.
public struct Recommendation: Codable, Sendable, Equatable {
    public var moduleId: UUID
    /// Why: a failed quiz, an AI finding in the user's code, project activity…
    public var reason: String
    public var priority: Priority

    public init(moduleId: UUID, reason: String, priority: Priority) {
        self.moduleId = moduleId
        self.reason = reason
        self.priority = priority
    }
}
