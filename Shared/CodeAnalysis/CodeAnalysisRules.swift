import Contracts

/// The `code-analysis` agent's rules over a `StructureReport`:
/// - `complexity.cyclomatic`: a function above `AnalysisThresholds.cyclomaticComplexity` (medium; high above
///   `cyclomaticComplexityHigh`), at the function's first line;
/// - `complexity.nesting`: a function with blocks `AnalysisThresholds.nesting` deep or deeper (medium; high from
///   two levels more), or file-level code that deep when no function holds it;
/// - `duplication.block`: each repeated block of `AnalysisThresholds.duplicateLines` lines or more, at its second copy.
public enum CodeAnalysisRules {
    public static let agent = "code-analysis"

    public static func findings(_ report: StructureReport) -> [Finding] {
        var findings: [Finding] = []
        for function in report.functions where function.cyclomaticComplexity > AnalysisThresholds.cyclomaticComplexity {
            let high = function.cyclomaticComplexity > AnalysisThresholds.cyclomaticComplexityHigh
            findings.append(Finding(
                agent: agent, type: .analysis, severity: high ? .high : .medium,
                message: "`\(function.name)` has cyclomatic complexity \(function.cyclomaticComplexity) (limit \(AnalysisThresholds.cyclomaticComplexity)): split its decisions into smaller functions.",
                line: function.startLine, confidence: 0.95, ruleId: .cyclomaticComplexity
            ))
        }
        var nestedInFunction = false
        for function in report.functions where function.maxNesting >= AnalysisThresholds.nesting {
            nestedInFunction = true
            findings.append(Finding(
                agent: agent, type: .analysis, severity: function.maxNesting >= AnalysisThresholds.nesting + 2 ? .high : .medium,
                message: "`\(function.name)` nests blocks \(function.maxNesting) deep (limit \(AnalysisThresholds.nesting - 1)): return early or extract the inner blocks.",
                line: function.startLine, confidence: 0.9, ruleId: .deepNesting
            ))
        }
        if !nestedInFunction, report.maxNesting >= AnalysisThresholds.nesting {
            findings.append(Finding(
                agent: agent, type: .analysis, severity: .medium,
                message: "Blocks nest \(report.maxNesting) deep (limit \(AnalysisThresholds.nesting - 1)).",
                line: report.maxNestingLine, confidence: 0.8, ruleId: .deepNesting
            ))
        }
        for block in report.duplicatedBlocks {
            findings.append(Finding(
                agent: agent, type: .suggestion, severity: block.length >= 3 * AnalysisThresholds.duplicateLines ? .medium : .low,
                message: "Lines \(block.secondLine)–\(block.secondLine + block.length - 1) repeat lines \(block.firstLine)–\(block.firstLine + block.length - 1): extract the shared code.",
                line: block.secondLine, confidence: 0.8, ruleId: .duplicatedBlock
            ))
        }
        return findings
    }
}
