import CodeAnalysis
import Contracts
import Foundation

/// Looks for injection, secrets, weak hashes, disabled TLS checks and unsafe deserialization in the problem's code.
public struct SecurityAgent: KnowledgeAgent {
    public let name = SecurityRules.agent
    public let consumes: Set<AgentInput> = [.code]
    public let produces: Set<KnowledgeType> = [.warning]

    public init() {}

    public func contribute(_ work: AgentWork) async throws -> [AgentContribution] {
        guard let file = work.file else { return [] }
        return try knowledge(of: try await AnalysisThread.run(codeBytes: work.codeBytes) { SecurityRules.findings(file) })
    }
}
