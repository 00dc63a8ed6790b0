import CodeAnalysis
import Contracts
import Foundation

/// Long functions, god files, too many parameters, deep nesting and I/O in loops, from the code-analysis agent's
/// structure report (or one a client contributed).
public struct ArchitectureAgent: KnowledgeAgent {
    public let name = ArchitectureRules.agent
    public let consumes: Set<AgentInput> = [.code, .knowledge(.analysis)]
    public let produces: Set<KnowledgeType> = [.warning, .suggestion]

    public init() {}

    public func contribute(_ work: AgentWork) async throws -> [AgentContribution] {
        guard let file = work.file else { return [] }
        let reports = work.newStructureReports
        return try knowledge(of: try await AnalysisThread.run(codeBytes: work.codeBytes) { reports.flatMap { ArchitectureRules.findings($0, file) } })
    }
}
