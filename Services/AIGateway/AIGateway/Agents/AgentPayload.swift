import CodeAnalysis
import Contracts
import Foundation

/// The `data` of the contributions agents write, tagged by `kind` so readers (agents, synthesis, clients) tell them
/// apart: `{"kind": "structure", "report": …}`, `{"kind": "finding", "finding": …}`,
/// `{"kind": "test-proposals", "proposals": […]}`. Contributions from outside may carry anything; those that match
/// one of these shapes are read like an agent's.
public enum AgentPayload: Sendable, Equatable {
    case structure(StructureReport)
    case finding(Finding)
    case testProposals([TestCaseProposal])

    enum Kind: String {
        case structure
        case finding
        case testProposals = "test-proposals"
    }

    public init?(decoding data: JSONValue) {
        guard let kind = data["kind"]?.stringValue.flatMap(Kind.init(rawValue:)) else { return nil }
        do {
            switch kind {
            case .structure:
                guard let report = data["report"] else { return nil }
                self = .structure(try report.decoded(as: StructureReport.self))
            case .finding:
                guard let finding = data["finding"] else { return nil }
                self = .finding(try finding.decoded(as: Finding.self))
            case .testProposals:
                guard let proposals = data["proposals"] else { return nil }
                self = .testProposals(try proposals.decoded(as: [TestCaseProposal].self))
            }
        } catch {
            return nil
        }
    }

    public func json() throws -> JSONValue {
        switch self {
        case .structure(let report):
            .object(["kind": .string(Kind.structure.rawValue), "report": try JSONValue(encoding: report)])
        case .finding(let finding):
            .object(["kind": .string(Kind.finding.rawValue), "finding": try JSONValue(encoding: finding)])
        case .testProposals(let proposals):
            .object(["kind": .string(Kind.testProposals.rawValue), "proposals": try JSONValue(encoding: proposals)])
        }
    }

    /// Whether `data` is tagged as a structure report (without decoding it).
    public static func isStructure(_ data: JSONValue) -> Bool {
        data["kind"]?.stringValue == Kind.structure.rawValue
    }

    public var structureReport: StructureReport? {
        if case .structure(let report) = self { report } else { nil }
    }

    public var finding: Finding? {
        if case .finding(let finding) = self { finding } else { nil }
    }
}
