import ArgumentParser
import Foundation

/// `analyze-files --json FILE…`: the CodeAnalysis library's view of real files (functions with their complexity,
/// every agent's findings), one JSON object per file and line, for Benchmarks/peers/analysis-agreement.py.
struct AnalyzeFilesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze-files",
        abstract: "Print the static analysis of files as JSON lines (functions, complexity, findings)."
    )

    @Flag(help: "JSON lines on stdout (the only format; the flag keeps the call self-describing).")
    var json = false

    @Option(help: "Language of every file (swift, python, js, ts, go, java); by default from the extension or the content.")
    var language: String?

    @Argument(help: "Files to analyze.")
    var files: [String]

    func run() throws {
        print(AnalysisDump.jsonLines(paths: files, language: language))
    }
}
