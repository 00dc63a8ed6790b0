import Foundation

/// `200` of `POST /api/v1/ai/analyze`: the blackboard run with every registered knowledge agent, summarized.
public struct CodeAnalysis: Codable, Sendable, Equatable {
    public var id: UUID
    public var summary: String
    public var metrics: CodeMetrics
    public var findings: [Finding]
    public var solution: Solution

    public init(id: UUID, summary: String, metrics: CodeMetrics, findings: [Finding], solution: Solution) {
        self.id = id
        self.summary = summary
        self.metrics = metrics
        self.findings = findings
        self.solution = solution
    }
}
