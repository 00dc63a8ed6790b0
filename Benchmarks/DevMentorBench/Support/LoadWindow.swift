import ArgumentParser

/// How long a closed-loop bench runs: a warm-up whose samples are dropped (connections opened, scripts cached),
/// then the measured window, bounded in time and in operations.
struct LoadWindow: ParsableArguments {
    @Option(help: "Tasks with one operation in flight each.")
    var concurrency = 64

    @Option(help: "Seconds measured.")
    var duration: Double = 5

    @Option(help: "Seconds run before measuring, not counted.")
    var warmup: Double = 1

    @Option(help: "Upper bound on measured operations per task, whatever the duration.")
    var maxOpsPerTask = 1_000_000

    func validate() throws {
        guard concurrency >= 1, concurrency <= 1024 else { throw ValidationError("--concurrency must be 1...1024") }
        guard duration > 0, duration <= 600 else { throw ValidationError("--duration must be in (0, 600] seconds") }
        guard warmup >= 0, warmup <= 60 else { throw ValidationError("--warmup must be in [0, 60] seconds") }
    }
}
