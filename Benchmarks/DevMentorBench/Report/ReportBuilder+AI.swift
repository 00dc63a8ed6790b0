import Foundation

/// The AI gateway section (issue 9): analysis of one ~500-line file in process and through the gateway, beside
/// lizard on the same file.
extension ReportBuilder {
    func ai(_ checks: inout [TargetCheck]) -> String {
        var lines = ["## AI gateway (issue 9): analyze", ""]
        let inProcess = results["ai.analyze.inprocess"], viaGateway = results["ai.analyze.gateway"], lizard = results["ai.analyze.lizard"]
        let library = results["ai.analyze.library"]
        guard inProcess != nil || viaGateway != nil else {
            lines.append("Not measured: \(meta["ai_status"] ?? "the AI section did not run").")
            checks.append(TargetCheck(section: "ai", target: "analyze p99 through the gateway < 20 ms", measured: Format.missing, verdict: .notMeasured))
            return lines.joined(separator: "\n")
        }
        // Analyses per second of one caller at a time over lizard's: like for like (the library: what lizard does and the
        // other agents' rules, no board), and the whole in-process analyze with its board in Redis.
        func overLizard(_ ours: BenchResult?) -> Double? { ratio(ours?.rate, lizard?.rate) }
        checks.append(.below("ai", "analyze p99 through the gateway < 20 ms", value: viaGateway?.p99Ms, maximum: 20, shown: Format.ms(viaGateway?.p99Ms)))
        checks.append(.atLeast("ai", "analysis ≥ 20× lizard's analyses/s (library alone, same file)", value: overLizard(library), minimum: 20,
                               shown: Format.ratio(overLizard(library))))
        checks.append(.atLeast("ai", "analyze ≥ 20× lizard's analyses/s (in process with the board in Redis)", value: overLizard(inProcess), minimum: 20,
                               shown: Format.ratio(overLizard(inProcess))))
        let file = inProcess?.parameters?["file"] ?? viaGateway?.parameters?["file"] ?? "?"
        let fileLines = inProcess?.parameters?["lines"] ?? viaGateway?.parameters?["lines"] ?? "?"
        lines.append("File: `\(file)`, \(fileLines) lines; one analysis at a time.")
        lines.append("")
        lines.append(Format.table(["measure", "analyses/s", "p50", "p99", "errors"], [
            ["ours, the analysis library alone (tokens, structure, the five agents' rules; no board, no Redis)", Format.rate(library?.rate),
             Format.ms(library?.p50Ms), Format.ms(library?.p99Ms), Format.count(library?.errors)],
            ["ours, in process (board in Redis, 5 agents, synthesis, event)", Format.rate(inProcess?.rate), Format.ms(inProcess?.p50Ms),
             Format.ms(inProcess?.p99Ms), Format.count(inProcess?.errors)],
            ["ours, `POST /api/v1/ai/analyze` through the gateway, 1 connection", Format.rate(viaGateway?.rate), Format.ms(viaGateway?.p50Ms),
             Format.ms(viaGateway?.p99Ms), Format.count(viaGateway?.errors)],
            ["lizard `analyze_file` in one interpreter (\(lizard?.parameters?["functions"] ?? "?") functions)", Format.rate(lizard?.rate),
             Format.ms(lizard?.p50Ms), Format.ms(lizard?.p99Ms), Format.count(lizard?.errors)],
        ]))
        return lines.joined(separator: "\n")
    }
}
