import Foundation

/// A piece of knowledge as stored on a blackboard: `Knowledge` plus the `id` and `timestamp` it got there.
public struct Contribution: Codable, Sendable, Equatable {
    public var id: UUID
    public var source: String
    public var type: KnowledgeType
    public var confidence: Double
    public var data: JSONValue
    public var timestamp: Date

    public init(id: UUID, source: String, type: KnowledgeType, confidence: Double, data: JSONValue, timestamp: Date) {
        self.id = id
        self.source = source
        self.type = type
        self.confidence = confidence
        self.data = data
        self.timestamp = timestamp
    }

    public init(id: UUID, knowledge: Knowledge, timestamp: Date) {
        self.init(id: id, source: knowledge.source, type: knowledge.type, confidence: knowledge.confidence, data: knowledge.data, timestamp: timestamp)
    }

    public var knowledge: Knowledge {
        Knowledge(source: source, type: type, confidence: confidence, data: data)
    }
}
