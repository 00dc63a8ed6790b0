import Foundation

/// `POST /api/v1/ai/blackboards/{id}/run` → `{contributions: n}`, the number the agents added in this run.
public struct BlackboardRunResult: Codable, Sendable, Equatable {
    public var contributions: Int

    public init(contributions: Int) { self.contributions = contributions }
}
