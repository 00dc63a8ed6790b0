import Resilience

/// A breaker on a manual clock with its state changes recorded, plus shorthands for whole calls.
struct BreakerHarness {
    let clock = ManualClock()
    let recorder = StateChangeRecorder()
    let breaker: CircuitBreaker

    init(name: String = "upstream", _ configuration: CircuitBreakerConfiguration = CircuitBreakerConfiguration()) {
        breaker = CircuitBreaker(name: name, configuration: configuration, clock: clock, onStateChange: recorder.callback)
    }

    /// One admitted call ending with `outcome` after `duration`.
    func call(_ outcome: CallOutcome, duration: Duration = .milliseconds(10)) throws {
        let permission = try breaker.acquirePermission()
        breaker.record(outcome, for: permission, duration: duration)
    }

    func calls(_ outcome: CallOutcome, count: Int, duration: Duration = .milliseconds(10)) throws {
        for _ in 0..<count {
            try call(outcome, duration: duration)
        }
    }

    /// Trips a breaker with the default minimum of calls by failing every one.
    func trip() throws {
        try calls(.failure, count: breaker.configuration.minimumCalls)
        precondition(breaker.state == .open, "the harness failed to trip the breaker")
    }
}
