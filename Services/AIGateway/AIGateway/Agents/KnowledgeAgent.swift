import CodeAnalysis
import Contracts
import Foundation

/// What an agent reads from a blackboard.
public enum AgentInput: Sendable, Hashable {
    /// The problem's code (an agent consuming it runs once per board: the problem never changes).
    case code
    /// Contributions of this type written by someone else (another agent, or a client's `POST …/knowledge`).
    case knowledge(KnowledgeType)
}

/// What an agent gets for one run: the problem's code already scanned, and the contributions of the types it
/// consumes that are new since its last run (oldest first, never its own).
public struct AgentWork: Sendable {
    public var file: SourceFile?
    public var problem: BlackboardProblem
    public var newContributions: [Contribution]
    /// Decoded by the controller, once for every agent of a run; nil: decoded here when asked.
    private let structureReports: [StructureReport]?

    public init(file: SourceFile?, problem: BlackboardProblem, newContributions: [Contribution], structureReports: [StructureReport]? = nil) {
        self.file = file
        self.problem = problem
        self.newContributions = newContributions
        self.structureReports = structureReports
    }

    /// The size of the problem's code in bytes (where `AnalysisThread` runs the analyzers).
    public var codeBytes: Int { problem.code?.utf8.count ?? 0 }

    /// The structure reports among the new contributions (`AgentPayload.structure`), whoever wrote them.
    public var newStructureReports: [StructureReport] {
        structureReports ?? newContributions.compactMap { AgentPayload(decoding: $0.data)?.structureReport }
    }
}

/// One knowledge source of the blackboard. The controller runs an agent when every input it consumes is on the
/// board and something of them is new since its last run; what it returns is appended to the board's stream.
public protocol KnowledgeAgent: Sendable {
    /// The `source` of its contributions and the `agent` of its findings.
    var name: String { get }
    var consumes: Set<AgentInput> { get }
    /// The knowledge types its contributions have (documentation, and what lets readers see which agents feed which).
    var produces: Set<KnowledgeType> { get }
    func contribute(_ work: AgentWork) async throws -> [AgentContribution]
}

extension KnowledgeAgent {
    /// One contribution per finding, with the finding's own type and confidence.
    func knowledge(of findings: [Finding]) throws -> [AgentContribution] {
        try findings.map { finding in
            try AgentContribution(source: name, type: finding.type, confidence: finding.confidence, payload: .finding(finding))
        }
    }
}
