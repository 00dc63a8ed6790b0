import Foundation

/// What the blackboard's contributions add up to: `POST /blackboards/{id}/solution`, and the `solution` of an analysis.
public struct Solution: Codable, Sendable, Equatable {
    public var blackboardId: UUID
    public var summary: String
    /// Most important first.
    public var recommendations: [String]
    /// 0...1, derived from the contributions' confidences.
    public var confidence: Double
    /// The `source` of every contribution that was taken into account.
    public var contributors: [String]

    public init(blackboardId: UUID, summary: String, recommendations: [String], confidence: Double, contributors: [String]) {
        self.blackboardId = blackboardId
        self.summary = summary
        self.recommendations = recommendations
        self.confidence = confidence
        self.contributors = contributors
    }
}
