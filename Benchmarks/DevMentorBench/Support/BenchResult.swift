import Foundation

/// One measured (or peer, or meta) line of `results.jsonl`. The shell scripts write the same shape with jq for
/// redis-benchmark and wrk, so the report reads every line with this one type; all but `id` are optional.
struct BenchResult: Codable, Sendable {
    /// What was measured, e.g. `lock`, `redis.set`, `http.gateway`; `meta.<key>` lines carry `value` only.
    var id: String
    var label: String?
    /// Operations completed in the measured window (pairs, events, requests).
    var count: Int?
    var seconds: Double?
    /// `count / seconds`.
    var rate: Double?
    var unit: String?
    var p50Ms: Double?
    var p90Ms: Double?
    var p99Ms: Double?
    var maxMs: Double?
    /// Failed operations (non-2xx answers, socket errors, Redis errors, events not handled in time).
    var errors: Int?
    /// CPU time per operation by process group, in microseconds (from /proc, written by run.sh).
    var cpuMicrosPerOp: [String: Double]?
    /// Share of both cores busy during the run, all processes together.
    var machineBusyPercent: Double?
    var parameters: [String: String]?
    var note: String?
    var value: String?

    init(id: String, label: String, count: Int, seconds: Double, unit: String, latency: LatencySummary?, errors: Int,
         parameters: [String: String]) {
        self.id = id
        self.label = label
        self.count = count
        self.seconds = seconds
        self.rate = seconds > 0 ? Double(count) / seconds : 0
        self.unit = unit
        self.p50Ms = latency?.p50Ms
        self.p90Ms = latency?.p90Ms
        self.p99Ms = latency?.p99Ms
        self.maxMs = latency?.maxMs
        self.errors = errors
        self.parameters = parameters
    }

    /// Writes the result as one JSON line straight to stdout (unbuffered, so nothing is lost however the
    /// process ends).
    func emit() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        FileHandle.standardOutput.write(try encoder.encode(self) + Data("\n".utf8))
    }
}
