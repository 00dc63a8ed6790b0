import Foundation
import Resilience
import Testing

@Suite("Circuit breaker: reset and snapshot")
struct CircuitBreakerResetAndSnapshotTests {
    @Test("reset closes an open breaker, empties the window and forgets openedAt")
    func resetFromOpen() throws {
        let harness = BreakerHarness()
        try harness.trip()
        harness.breaker.reset()
        #expect(harness.breaker.state == .closed)
        let snapshot = harness.breaker.snapshot()
        #expect(snapshot.calls == 0)
        #expect(snapshot.openedAt == nil)
        #expect(try !harness.breaker.acquirePermission().isProbe)
        #expect(harness.recorder.transitions == ["closed→open", "open→closed"])
    }

    @Test("reset closes a half-open breaker and drops its probes")
    func resetFromHalfOpen() throws {
        let harness = BreakerHarness()
        try harness.trip()
        harness.clock.advance(by: .seconds(10))
        let probe = try harness.breaker.acquirePermission()
        harness.breaker.reset()
        harness.breaker.record(.failure, for: probe)
        #expect(harness.breaker.state == .closed)
        #expect(harness.breaker.snapshot().calls == 0)
    }

    @Test("reset of a closed breaker clears its window without reporting a change")
    func resetWhileClosed() throws {
        let harness = BreakerHarness()
        try harness.calls(.failure, count: 5)
        harness.breaker.reset()
        #expect(harness.breaker.snapshot().calls == 0)
        #expect(harness.recorder.transitions.isEmpty)
    }

    @Test("the snapshot reports name, state, rates, counts and openedAt")
    func snapshotValues() throws {
        let harness = BreakerHarness(
            name: "auth",
            CircuitBreakerConfiguration(minimumCalls: 10, slowCallDurationThreshold: .seconds(1))
        )
        try harness.calls(.success, count: 6)
        try harness.call(.success, duration: .seconds(2))
        try harness.calls(.failure, count: 3)
        #expect(
            harness.breaker.snapshot()
                == CircuitBreakerSnapshot(
                    name: "auth", state: .closed, failureRate: 0.3, slowCallRate: 0.1,
                    calls: 10, failedCalls: 3, slowCalls: 1, openedAt: nil
                )
        )
    }

    @Test("an empty window has a failure rate of zero")
    func emptyWindow() {
        let snapshot = BreakerHarness().breaker.snapshot()
        #expect(snapshot.failureRate == 0)
        #expect(snapshot.slowCallRate == 0)
        #expect(snapshot.calls == 0)
        #expect(snapshot.state == .closed)
    }

    @Test("states encode as the API's strings")
    func stateRawValues() throws {
        #expect(CircuitBreakerState.allCases.map(\.rawValue) == ["closed", "open", "halfOpen"])
        let json = try JSONEncoder().encode([CircuitBreakerState.halfOpen])
        #expect(String(decoding: json, as: UTF8.self) == #"["halfOpen"]"#)
    }
}
