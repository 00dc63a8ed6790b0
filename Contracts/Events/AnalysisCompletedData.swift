import Foundation

/// `ai.analysis_completed` (subject: the analysis id, actor: the user who asked). The learning service turns the
/// finding counts into recommendations for `userId`.
public struct AnalysisCompletedData: Codable, Sendable, Equatable {
    public var analysisId: UUID
    /// The user whose code was analyzed; nil in events written before the field existed (the envelope's `actorId`
    /// then stands for it).
    public var userId: UUID?
    public var language: String?
    public var summary: String
    public var findings: [Finding]
    /// How many findings each rule produced, keyed by `RuleID` raw value (`security.sql-injection`: 3). Strings
    /// rather than `RuleID` so a consumer built before a rule existed still reads the event and skips that key.
    public var findingsByRule: [String: Int]

    public init(
        analysisId: UUID, userId: UUID? = nil, language: String? = nil, summary: String, findings: [Finding],
        findingsByRule: [String: Int]? = nil
    ) {
        self.analysisId = analysisId
        self.userId = userId
        self.language = language
        self.summary = summary
        self.findings = findings
        self.findingsByRule = findingsByRule ?? Self.count(findings)
    }

    public init(_ analysis: CodeAnalysis, userId: UUID? = nil, language: String? = nil) {
        self.init(analysisId: analysis.id, userId: userId, language: language, summary: analysis.summary, findings: analysis.findings)
    }

    /// The findings that name a rule, counted per rule.
    public static func count(_ findings: [Finding]) -> [String: Int] {
        findings.reduce(into: [:]) { counts, finding in
            if let rule = finding.ruleId { counts[rule.rawValue, default: 0] += 1 }
        }
    }

    /// The counts of the rules this build knows, unknown ids and non-positive counts left out.
    public var knownRuleCounts: [RuleID: Int] {
        findingsByRule.reduce(into: [:]) { counts, entry in
            if let rule = RuleID(rawValue: entry.key.lowercased()), entry.value > 0 { counts[rule, default: 0] += entry.value }
        }
    }

    private enum CodingKeys: String, CodingKey {
        case analysisId, userId, language, summary, findings, findingsByRule
    }

    /// Tolerant of older producers: `findings`, `summary` and `findingsByRule` may be missing (the counts are then
    /// taken from the findings).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        analysisId = try container.decode(UUID.self, forKey: .analysisId)
        userId = try container.decodeIfPresent(UUID.self, forKey: .userId)
        language = try container.decodeIfPresent(String.self, forKey: .language)
        summary = try container.decodeIfPresent(String.self, forKey: .summary) ?? ""
        findings = try container.decodeIfPresent([Finding].self, forKey: .findings) ?? []
        findingsByRule = try container.decodeIfPresent([String: Int].self, forKey: .findingsByRule) ?? Self.count(findings)
    }
}
