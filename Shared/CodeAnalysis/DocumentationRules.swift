import Contracts

/// The `documentation` agent's rules:
/// - `docs.undocumented-public`: a public function or type without a doc comment (`///`, `/** */`, a Go comment,
///   a Python docstring), at its line; low severity, medium for a public type;
/// - `docs.todo-density`: more than `AnalysisThresholds.todoPer100Lines` TODO/FIXME/XXX/HACK markers per 100 code
///   lines, and at least `AnalysisThresholds.todoMinimum` of them.
public enum DocumentationRules {
    public static let agent = "documentation"

    public static func findings(_ report: StructureReport, _ file: SourceFile) -> [Finding] {
        var findings: [Finding] = []
        for type in report.types where type.isPublic && !type.isDocumented {
            findings.append(Finding(
                agent: agent, type: .suggestion, severity: .medium,
                message: "Public type `\(type.name)` has no doc comment: say what it is for and what it guarantees.",
                line: type.line, confidence: 0.9, ruleId: .undocumentedPublic
            ))
        }
        for function in report.functions where function.isPublic && !function.isDocumented && !isAccessor(function.name) {
            findings.append(Finding(
                agent: agent, type: .suggestion, severity: .low,
                message: "Public function `\(function.name)` has no doc comment: describe its parameters, result and errors.",
                line: function.startLine, confidence: 0.9, ruleId: .undocumentedPublic
            ))
        }
        let codeLines = max(1, report.codeLines)
        let density = Double(report.todoCount) * 100 / Double(codeLines)
        if report.todoCount >= AnalysisThresholds.todoMinimum, density > AnalysisThresholds.todoPer100Lines {
            let tokens = file.tokens
            let first = tokens.first { $0.kind == .comment && tokens.withBytes(of: $0, LineCounts.markerCount) > 0 }
            findings.append(Finding(
                agent: agent, type: .insight, severity: .low,
                message: "\(report.todoCount) TODO/FIXME markers in \(report.codeLines) code lines: turn them into issues or finish them.",
                line: first?.line, confidence: 0.8, ruleId: .todoDensity
            ))
        }
        return findings
    }

    static func isAccessor(_ name: String) -> Bool { ["get", "set", "willSet", "didSet", "deinit"].contains(name) }
}
