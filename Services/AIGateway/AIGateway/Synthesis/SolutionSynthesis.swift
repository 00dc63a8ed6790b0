import CodeAnalysis
import Contracts
import Foundation

/// Turns a blackboard's contributions into its answer. Pure: the same contributions give the same synthesis.
///
/// - Findings are the contributions shaped as one (an agent's `{"kind": "finding"}`, or a client's knowledge whose
///   `data` has a `message`). Two findings are the same when they name the same rule (or, without one, the same
///   message) on the same line: the most severe, then most confident, stays, with the highest confidence of them.
/// - Ranking: severity weight × confidence, highest first (ties: more severe, earlier line, rule id, message).
/// - Recommendations: one per rule in rank order (findings without a rule: one each), at most
///   `maxRecommendations`, then one for proposed tests.
/// - Confidence: the severity-weighted mean of the findings' confidences; without findings, the mean of the
///   contributions' confidences; without contributions, 0.
/// - Contributors: every contribution's source, sorted.
public enum SolutionSynthesis {
    public struct Result: Sendable, Equatable {
        public var solution: Solution
        /// Deduplicated, most urgent first.
        public var findings: [Finding]
        /// From the latest structure report on the board (the code-analysis agent's by preference).
        public var metrics: CodeMetrics?
        public var duplicatesRemoved: Int
    }

    public static let maxRecommendations = 10

    public static func weight(_ severity: Severity) -> Double {
        switch severity {
        case .critical: 1.0
        case .high: 0.8
        case .medium: 0.5
        case .low: 0.3
        case .info: 0.1
        }
    }

    public static func score(_ finding: Finding) -> Double { weight(finding.severity) * finding.confidence }

    /// `payloads`: contributions already decoded (by id), as the run that wrote them has them; the rest are decoded.
    public static func synthesize(blackboardId: UUID, contributions: [Contribution], payloads: [UUID: AgentPayload] = [:]) -> Result {
        guard !contributions.isEmpty else {
            let solution = Solution(
                blackboardId: blackboardId, summary: "The blackboard has no contributions yet: run its agents or add knowledge first.",
                recommendations: [], confidence: 0, contributors: []
            )
            return Result(solution: solution, findings: [], metrics: nil, duplicatesRemoved: 0)
        }
        var raw: [Finding] = []
        var reports: [(source: String, report: StructureReport)] = []
        var proposals: [TestCaseProposal] = []
        for contribution in contributions {
            switch payloads[contribution.id] ?? AgentPayload(decoding: contribution.data) {
            case .finding(let finding): raw.append(finding)
            case .structure(let report): reports.append((contribution.source, report))
            case .testProposals(let more): proposals += more
            case nil: if let finding = outsideFinding(contribution) { raw.append(finding) }
            }
        }
        let findings = rank(deduplicate(raw))
        let report = reports.last(where: { $0.source == CodeAnalysisRules.agent })?.report ?? reports.last?.report
        let metrics = report?.metrics
        let contributors = Array(Set(contributions.map(\.source))).sorted()
        let solution = Solution(
            blackboardId: blackboardId,
            summary: summary(findings, duplicates: raw.count - findings.count, metrics: metrics, proposals: proposals.count),
            recommendations: recommendations(findings, proposals: proposals),
            confidence: confidence(findings, contributions: contributions),
            contributors: contributors
        )
        return Result(solution: solution, findings: findings, metrics: metrics, duplicatesRemoved: raw.count - findings.count)
    }

    /// A client's knowledge read as a finding when its `data` has a `message` (with optional `severity`, `line`,
    /// `ruleId`); its severity defaults from its type.
    static func outsideFinding(_ contribution: Contribution) -> Finding? {
        guard let message = contribution.data["message"]?.stringValue, !message.isEmpty else { return nil }
        let severity = contribution.data["severity"]?.stringValue.flatMap(Severity.init(rawValue:)) ?? defaultSeverity(contribution.type)
        var line: Int?
        if case .number(let value)? = contribution.data["line"], value >= 1, value < Double(Int32.max) { line = Int(value) }
        let rule = contribution.data["ruleId"]?.stringValue.flatMap(RuleID.init(rawValue:))
        return Finding(
            agent: contribution.source, type: contribution.type, severity: severity, message: message, line: line,
            confidence: contribution.confidence, ruleId: rule
        )
    }

    static func defaultSeverity(_ type: KnowledgeType) -> Severity {
        switch type {
        case .warning: .medium
        case .suggestion: .low
        case .analysis, .insight: .info
        }
    }

    struct Identity: Hashable {
        var rule: String
        var line: Int
    }

    static func identity(_ finding: Finding) -> Identity {
        Identity(rule: finding.ruleId?.rawValue ?? "message:" + finding.message.lowercased(), line: finding.line ?? 0)
    }

    static func deduplicate(_ findings: [Finding]) -> [Finding] {
        var kept: [Identity: Finding] = [:]
        var order: [Identity] = []
        for finding in findings {
            let key = identity(finding)
            guard let existing = kept[key] else {
                kept[key] = finding
                order.append(key)
                continue
            }
            let best = (finding.severity, finding.confidence) > (existing.severity, existing.confidence) ? finding : existing
            var merged = best
            merged.confidence = max(finding.confidence, existing.confidence)
            kept[key] = merged
        }
        return order.compactMap { kept[$0] }
    }

    static func rank(_ findings: [Finding]) -> [Finding] {
        findings.sorted { a, b in
            let (sa, sb) = (score(a), score(b))
            if sa != sb { return sa > sb }
            if a.severity != b.severity { return a.severity > b.severity }
            if (a.line ?? .max) != (b.line ?? .max) { return (a.line ?? .max) < (b.line ?? .max) }
            if a.ruleId?.rawValue != b.ruleId?.rawValue { return (a.ruleId?.rawValue ?? "~") < (b.ruleId?.rawValue ?? "~") }
            return a.message < b.message
        }
    }

    static func summary(_ findings: [Finding], duplicates: Int, metrics: CodeMetrics?, proposals: Int) -> String {
        var parts: [String] = []
        if let metrics {
            parts.append(
                "\(metrics.lines) \(plural(metrics.lines, "line")), \(metrics.functions) \(plural(metrics.functions, "function")), "
                    + "maximum nesting \(metrics.maxNesting), cyclomatic complexity \(metrics.cyclomaticComplexity)."
            )
        }
        if findings.isEmpty {
            parts.append("No findings: nothing stands out.")
        } else {
            let counts = Severity.allCases.reversed().compactMap { severity -> String? in
                let n = findings.filter { $0.severity == severity }.count
                return n == 0 ? nil : "\(n) \(severity.rawValue)"
            }
            var sentence = "\(findings.count) \(plural(findings.count, "finding")) (\(counts.joined(separator: ", ")))"
            if duplicates > 0 { sentence += " after removing \(duplicates) \(plural(duplicates, "duplicate"))" }
            parts.append(sentence + ".")
            let top = findings[0]
            parts.append("Most urgent: \(top.message)\(top.line.map { " (line \($0))" } ?? "")")
        }
        if proposals > 0 { parts.append("\(proposals) test \(plural(proposals, "case")) proposed.") }
        return parts.joined(separator: " ")
    }

    static func recommendations(_ findings: [Finding], proposals: [TestCaseProposal]) -> [String] {
        var groups: [(key: String, findings: [Finding])] = []
        var index: [String: Int] = [:]
        for (position, finding) in findings.enumerated() {
            let key = finding.ruleId?.rawValue ?? "finding:\(position)"
            if let at = index[key] {
                groups[at].findings.append(finding)
            } else {
                index[key] = groups.count
                groups.append((key, [finding]))
            }
        }
        var lines = groups.prefix(maxRecommendations).map { group -> String in
            let top = group.findings[0]
            let title = top.ruleId.map { $0.displayName.prefix(1).uppercased() + $0.displayName.dropFirst() } ?? top.severity.rawValue.capitalized
            let lineNumbers = group.findings.compactMap(\.line)
            let at = lineNumbers.isEmpty ? "" : " (\(plural(lineNumbers.count, "line")) \(lineNumbers.prefix(5).map(String.init).joined(separator: ", "))\(lineNumbers.count > 5 ? ", …" : ""))"
            return "\(title): \(top.message)\(at)"
        }
        if !proposals.isEmpty {
            let names = proposals.prefix(3).map(\.name).joined(separator: ", ")
            lines.append("Add tests: \(proposals.count) proposed \(plural(proposals.count, "case")), e.g. \(names).")
        }
        return lines
    }

    static func confidence(_ findings: [Finding], contributions: [Contribution]) -> Double {
        if !findings.isEmpty {
            let weights = findings.reduce(0) { $0 + weight($1.severity) }
            return findings.reduce(0) { $0 + weight($1.severity) * $1.confidence } / weights
        }
        return contributions.reduce(0) { $0 + $1.confidence } / Double(contributions.count)
    }

    static func plural(_ count: Int, _ word: String) -> String { count == 1 ? word : word + "s" }
}
