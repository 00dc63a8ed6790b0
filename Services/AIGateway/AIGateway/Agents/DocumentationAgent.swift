import CodeAnalysis
import Contracts
import Foundation

/// Undocumented public functions and types and TODO density, from the code and a structure report of it.
public struct DocumentationAgent: KnowledgeAgent {
    public let name = DocumentationRules.agent
    public let consumes: Set<AgentInput> = [.code, .knowledge(.analysis)]
    public let produces: Set<KnowledgeType> = [.suggestion, .warning]

    public init() {}

    public func contribute(_ work: AgentWork) async throws -> [AgentContribution] {
        guard let file = work.file else { return [] }
        let reports = work.newStructureReports
        return try knowledge(of: try await AnalysisThread.run(codeBytes: work.codeBytes) { reports.flatMap { DocumentationRules.findings($0, file) } })
    }
}
