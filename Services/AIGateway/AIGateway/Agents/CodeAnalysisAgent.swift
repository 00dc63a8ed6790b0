import CodeAnalysis
import Contracts
import Foundation

/// Reads the problem's code: its structure (lines, functions, complexity, nesting, duplicates) as one `analysis`
/// contribution the other agents build on, and the complexity and duplication findings.
public struct CodeAnalysisAgent: KnowledgeAgent {
    public let name = CodeAnalysisRules.agent
    public let consumes: Set<AgentInput> = [.code]
    public let produces: Set<KnowledgeType> = [.analysis, .warning, .suggestion]
    /// Counted lines and functions are exact; what a structure report says is as certain as the scanner.
    static let structureConfidence = 0.95

    public init() {}

    public func contribute(_ work: AgentWork) async throws -> [AgentContribution] {
        guard let file = work.file else { return [] }
        let (report, findings) = try await AnalysisThread.run(codeBytes: work.codeBytes) {
            let report = StructureAnalyzer.analyze(file)
            return (report, CodeAnalysisRules.findings(report))
        }
        let structure = try AgentContribution(source: name, type: .analysis, confidence: Self.structureConfidence, payload: .structure(report))
        return [structure] + (try knowledge(of: findings))
    }
}
