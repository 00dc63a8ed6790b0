import Foundation

/// One observation of a knowledge agent about analyzed code.
public struct Finding: Codable, Sendable, Equatable {
    /// The agent that made it: `code-analysis`, `security`, `documentation`, `architecture`, `test-generation`.
    public var agent: String
    public var type: KnowledgeType
    public var severity: Severity
    public var message: String
    /// 1-based line the finding is about, when it is about one.
    public var line: Int?
    public var confidence: Double
    /// The analyzer rule that produced it, when a rule did (free-form observations of a model have none).
    public var ruleId: RuleID?

    public init(
        agent: String, type: KnowledgeType, severity: Severity, message: String, line: Int? = nil, confidence: Double,
        ruleId: RuleID? = nil
    ) {
        self.agent = agent
        self.type = type
        self.severity = severity
        self.message = message
        self.line = line
        self.confidence = confidence
        self.ruleId = ruleId
    }
}
