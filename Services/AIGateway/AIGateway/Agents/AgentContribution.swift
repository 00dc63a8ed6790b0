import Contracts
import Foundation

/// What an agent hands the controller for one contribution: the knowledge as the board stores it and, for the
/// agents' own shapes (`AgentPayload`), the typed value its `data` was encoded from. The rest of the run (the next
/// round's agents, the synthesis) reads that value instead of decoding the JSON it just wrote.
public struct AgentContribution: Sendable {
    public var knowledge: Knowledge
    public var payload: AgentPayload?

    /// Knowledge of any shape (its readers decode `data` if they can).
    public init(_ knowledge: Knowledge) {
        self.knowledge = knowledge
        self.payload = nil
    }

    public init(source: String, type: KnowledgeType, confidence: Double, payload: AgentPayload) throws {
        self.knowledge = Knowledge(source: source, type: type, confidence: confidence, data: try payload.json())
        self.payload = payload
    }
}
