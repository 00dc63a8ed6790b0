import Foundation

/// What a piece of blackboard knowledge (or an analysis finding) is.
public enum KnowledgeType: String, Codable, Sendable, CaseIterable {
    case analysis
    case suggestion
    case warning
    case insight
}
