import ArgumentParser
import Foundation

/// `report`: renders `results.jsonl` (written by run.sh and the other subcommands) as markdown.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "report", abstract: "Render results.jsonl as report.md.")

    @Option(help: "JSON lines collected by run.sh.")
    var results = ".run/bench/results.jsonl"

    @Option(help: "Where to write the markdown.")
    var out = ".run/bench/report.md"

    @Option(help: "perf stat output of the gateway, included when present.")
    var perf: String?

    func run() async throws {
        let text = try String(contentsOfFile: results, encoding: .utf8)
        let perfText = perf.flatMap { try? String(contentsOfFile: $0, encoding: .utf8) }
        let markdown = ReportBuilder(results: ResultSet(jsonLines: text), perfText: perfText).markdown()
        try markdown.write(toFile: out, atomically: true, encoding: .utf8)
    }
}
