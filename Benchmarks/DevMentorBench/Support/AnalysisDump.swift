import CodeAnalysis
import Contracts
import Foundation

/// What `devmentor-bench analyze-files --json` prints per file: the structure and every agent's findings, for
/// Benchmarks/peers/analysis-agreement.py to set beside lizard and bandit.
struct AnalysisDump: Codable {
    var path: String
    var language: String?
    var error: String?
    var lines: Int = 0
    var functions: [FunctionInfo] = []
    var findings: [Finding] = []

    static func of(path: String, language tag: String?) -> AnalysisDump {
        let url = URL(fileURLWithPath: path)
        guard let data = try? Data(contentsOf: url) else { return AnalysisDump(path: path, error: "unreadable") }
        let code = String(decoding: data, as: UTF8.self)
        let language = tag.flatMap(SourceLanguage.init(tag:)) ?? SourceLanguage(tag: url.pathExtension) ?? SourceLanguage.detect(code)
        guard let language else { return AnalysisDump(path: path, error: "unknown language") }
        let (report, findings) = analyze(code, language: language)
        return AnalysisDump(path: path, language: language.rawValue, lines: report.lines, functions: report.functions, findings: findings)
    }

    /// The library's whole static analysis of one file, without a blackboard: tokens, structure, and what each of
    /// the five agents would find (what `analyze --library` times beside lizard).
    static func analyze(_ code: String, language: SourceLanguage) -> (StructureReport, [Finding]) {
        let file = SourceFile(code: code, language: language)
        let report = StructureAnalyzer.analyze(file)
        var findings = CodeAnalysisRules.findings(report)
        findings += SecurityRules.findings(file)
        findings += DocumentationRules.findings(report, file)
        findings += ArchitectureRules.findings(report, file)
        findings += TestGeneration.findings(TestGeneration.proposals(report.functions, language: language))
        return (report, findings)
    }

    /// One JSON object per line, in the order of `paths`.
    static func jsonLines(paths: [String], language: String?) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return paths.map { path in
            let dump = of(path: path, language: language)
            return (try? encoder.encode(dump)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        }.joined(separator: "\n")
    }
}
