import Foundation

/// `ai.analysis_completed` (subject: the analysis id, actor: the user who asked). The learning service turns the
/// findings into recommendations.
public struct AnalysisCompletedData: Codable, Sendable, Equatable {
    public var analysisId: UUID
    public var language: String?
    public var summary: String
    public var findings: [Finding]

    public init(analysisId: UUID, language: String? = nil, summary: String, findings: [Finding]) {
        self.analysisId = analysisId
        self.language = language
        self.summary = summary
        self.findings = findings
    }

    public init(_ analysis: CodeAnalysis, language: String? = nil) {
        self.init(analysisId: analysis.id, language: language, summary: analysis.summary, findings: analysis.findings)
    }
}
