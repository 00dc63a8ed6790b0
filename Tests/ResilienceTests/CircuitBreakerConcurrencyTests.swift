import Resilience
import Testing

@Suite("Circuit breaker under concurrent use")
struct CircuitBreakerConcurrencyTests {
    @Test("concurrent acquire and record from many tasks lose no count")
    func countsStayConsistent() async throws {
        let harness = BreakerHarness(CircuitBreakerConfiguration(failureRateThreshold: 1.0, minimumCalls: 1))
        let breaker = harness.breaker
        try await withThrowingTaskGroup(of: Void.self) { group in
            for task in 0..<100 {
                group.addTask {
                    for call in 0..<100 {
                        let permission = try breaker.acquirePermission()
                        breaker.record((task + call).isMultiple(of: 2) ? .success : .failure, for: permission)
                    }
                }
            }
            try await group.waitForAll()
        }
        let snapshot = breaker.snapshot()
        #expect(snapshot.calls == 10_000)
        #expect(snapshot.failedCalls == 5_000)
        #expect(snapshot.failureRate == 0.5)
        #expect(snapshot.state == .closed)
        #expect(harness.recorder.transitions.isEmpty)
    }

    @Test("racing failures open the breaker exactly once, at the minimum number of calls")
    func opensOnceUnderRace() async throws {
        let harness = BreakerHarness(CircuitBreakerConfiguration(failureRateThreshold: 0.5, minimumCalls: 10))
        let breaker = harness.breaker
        let tally = Locked((admitted: 0, rejected: 0))
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<50 {
                group.addTask {
                    for _ in 0..<20 {
                        do {
                            let permission = try breaker.acquirePermission()
                            tally.withLock { $0.admitted += 1 }
                            breaker.record(.failure, for: permission)
                        } catch {
                            tally.withLock { $0.rejected += 1 }
                        }
                    }
                }
            }
        }
        let (admitted, rejected) = tally.value
        #expect(admitted + rejected == 1_000)
        #expect(admitted >= 10)
        #expect(rejected > 0)
        #expect(harness.recorder.transitions == ["closed→open"])
        // Every call recorded after the tenth belongs to the closed period that has ended, so it is dropped.
        #expect(breaker.snapshot().calls == 10)
        #expect(breaker.state == .open)
    }
}
