import ArgumentParser
import Contracts
import DevMentorClient
import Foundation

/// `devmentor analyze FILE`: the AI gateway's analysis of one source file — findings by severity with their lines,
/// the synthesized solution.
struct Analyze: AsyncParsableCommand, JSONOutputCommand {
    static let configuration = CommandConfiguration(
        abstract: "Analyze a source file: findings by severity with line numbers, and the suggested solution."
    )

    @ParentCommand var root: DevMentor
    @OptionGroup var output: OutputOptions

    @Argument(help: "The file to analyze (`-` reads standard input).")
    var file: String

    @Option(help: "The language (default: from the file's extension, e.g. swift, python).")
    var language: String?

    @Option(help: "What the code is for, or what to look at.")
    var context: String?

    /// Analyses run every knowledge agent and may ask a model provider; they get more than one request's budget.
    static let minimumTimeout = 120

    func run() async throws {
        let code = try Self.read(file)
        let request = AnalyzeCodeRequest(code: code, language: language ?? Self.language(of: file), context: context)
        let session = try Session.load()
        var root = self.root
        root.timeout = max(root.timeout, Self.minimumTimeout)
        let analysis = try await root.withClient { client in
            try await Progress.run("Analyzing \(file == "-" ? "standard input" : file)…") {
                try await session.run(client) { try await client.analyzeCode(request, caller: $0) }
            }
        }
        try Output.emit(analysis, output) { Self.describe($0) }
    }

    static func describe(_ analysis: CodeAnalysis) -> String {
        var lines = [analysis.summary]
        let metrics = analysis.metrics
        lines.append("\(metrics.lines) lines, \(metrics.functions) functions, nesting \(metrics.maxNesting), complexity \(metrics.cyclomaticComplexity)")
        let findings = analysis.findings.sorted { ($0.severity, -($0.line ?? 0)) > ($1.severity, -($1.line ?? 0)) }
        if findings.isEmpty {
            lines.append("\nNo findings.")
        } else {
            lines.append("\nFindings:")
            for finding in findings {
                let place = finding.line.map { "line \($0)" } ?? "file"
                lines.append("  \(finding.severity.rawValue.uppercased())  \(place)  \(finding.message)  [\(finding.agent)]")
            }
        }
        lines.append("\nSolution (confidence \(Int((analysis.solution.confidence * 100).rounded()))%): \(analysis.solution.summary)")
        for recommendation in analysis.solution.recommendations { lines.append("  - \(recommendation)") }
        return lines.joined(separator: "\n")
    }

    static func read(_ file: String) throws -> String {
        if file == "-" {
            var lines: [String] = []
            while let line = Swift.readLine(strippingNewline: false) { lines.append(line) }
            return lines.joined()
        }
        guard let data = FileManager.default.contents(atPath: file) else { throw CLIFailure("Cannot read \(file).") }
        return String(decoding: data, as: UTF8.self)
    }

    /// A language tag from the file's extension; nil lets the service decide.
    static func language(of file: String) -> String? {
        let known = [
            "swift": "swift", "py": "python", "js": "javascript", "mjs": "javascript", "ts": "typescript", "java": "java",
            "kt": "kotlin", "go": "go", "rs": "rust", "rb": "ruby", "php": "php", "c": "c", "h": "c", "cc": "c++", "cpp": "c++",
            "hpp": "c++", "m": "objective-c", "cs": "c#", "sql": "sql", "sh": "shell",
        ]
        let ext = (file as NSString).pathExtension.lowercased()
        return known[ext]
    }
}
