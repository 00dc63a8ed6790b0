import CodeAnalysis
import Contracts
import Foundation

/// Proposes test cases for the public functions a structure report lists: one `suggestion` with the proposals,
/// plus the `tests.missing` findings.
public struct TestGenerationAgent: KnowledgeAgent {
    public let name = TestGeneration.agent
    public let consumes: Set<AgentInput> = [.knowledge(.analysis)]
    public let produces: Set<KnowledgeType> = [.suggestion]
    /// Proposals are derived from signatures alone, without running anything.
    static let proposalConfidence = 0.6

    public init() {}

    public func contribute(_ work: AgentWork) async throws -> [AgentContribution] {
        var contributions: [AgentContribution] = []
        for report in work.newStructureReports {
            let proposals = TestGeneration.proposals(report.functions, language: report.language)
            guard !proposals.isEmpty else { continue }
            contributions.append(
                try AgentContribution(source: name, type: .suggestion, confidence: Self.proposalConfidence, payload: .testProposals(proposals))
            )
            contributions += try knowledge(of: TestGeneration.findings(proposals))
        }
        return contributions
    }
}
