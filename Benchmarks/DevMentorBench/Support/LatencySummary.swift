/// Percentiles of a set of latencies, in milliseconds, by the nearest-rank method (no interpolation: every
/// reported value is one that was actually observed).
struct LatencySummary: Codable, Sendable, Equatable {
    var p50Ms: Double
    var p90Ms: Double
    var p99Ms: Double
    var maxMs: Double

    init?(nanoseconds samples: [UInt64]) {
        guard !samples.isEmpty else { return nil }
        let sorted = samples.sorted()
        func rank(_ p: Double) -> Double {
            let index = min(sorted.count - 1, max(0, Int((p * Double(sorted.count)).rounded(.up)) - 1))
            return Double(sorted[index]) / 1e6
        }
        p50Ms = rank(0.50)
        p90Ms = rank(0.90)
        p99Ms = rank(0.99)
        maxMs = Double(sorted[sorted.count - 1]) / 1e6
    }
}
