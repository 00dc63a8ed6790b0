/// Runs `concurrency` tasks that each repeat `operation` back to back (a closed loop: a new operation starts
/// when the previous one ends) and times every operation. Warm-up operations run the same way and are dropped.
/// A throwing operation counts as an error and the loop goes on; samples are kept per task and merged at the
/// end so that recording never contends.
struct ClosedLoop: Sendable {
    struct Outcome: Sendable {
        var samples: [UInt64] = []
        var errors = 0
        var firstError: String?
        var seconds: Double = 0
    }

    let window: LoadWindow

    func run(_ operation: @escaping @Sendable (_ task: Int, _ iteration: Int) async throws -> Void) async -> Outcome {
        if window.warmup > 0 {
            _ = await phase(seconds: window.warmup, operation)
        }
        return await phase(seconds: window.duration, operation)
    }

    private func phase(seconds: Double, _ operation: @escaping @Sendable (Int, Int) async throws -> Void) async -> Outcome {
        let start = MonotonicClock.nanoseconds()
        let deadline = start + MonotonicClock.nanoseconds(seconds: seconds)
        let limit = window.maxOpsPerTask
        var total = await withTaskGroup(of: Outcome.self) { group in
            for task in 0..<window.concurrency {
                group.addTask {
                    var outcome = Outcome()
                    outcome.samples.reserveCapacity(4096)
                    var iteration = 0
                    while iteration < limit, MonotonicClock.nanoseconds() < deadline {
                        let began = MonotonicClock.nanoseconds()
                        do {
                            try await operation(task, iteration)
                            outcome.samples.append(MonotonicClock.nanoseconds() - began)
                        } catch {
                            outcome.errors += 1
                            if outcome.firstError == nil { outcome.firstError = "\(error)" }
                        }
                        iteration += 1
                    }
                    return outcome
                }
            }
            var merged = Outcome()
            for await outcome in group {
                merged.samples += outcome.samples
                merged.errors += outcome.errors
                if merged.firstError == nil { merged.firstError = outcome.firstError }
            }
            return merged
        }
        // Until the last operation ended, not the deadline: an operation in flight at the deadline still counts.
        total.seconds = Double(MonotonicClock.nanoseconds() - start) / 1e9
        return total
    }
}
