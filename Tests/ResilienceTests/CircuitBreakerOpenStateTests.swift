import Foundation
import Resilience
import Testing

@Suite("Circuit breaker: open state")
struct CircuitBreakerOpenStateTests {
    @Test("refuses calls with the time left until half-open")
    func rejectsWithRetryAfter() throws {
        let harness = BreakerHarness(name: "projects", CircuitBreakerConfiguration(openDuration: .seconds(10)))
        try harness.trip()
        harness.clock.advance(by: .seconds(3))
        let error = #expect(throws: CircuitBreakerOpenError.self) {
            try harness.breaker.acquirePermission()
        }
        #expect(error == CircuitBreakerOpenError(name: "projects", state: .open, retryAfter: .seconds(7)))

        harness.clock.advance(by: .milliseconds(6_999))
        let almost = #expect(throws: CircuitBreakerOpenError.self) {
            try harness.breaker.acquirePermission()
        }
        #expect(almost?.retryAfter == .milliseconds(1))
    }

    @Test("retryAfterSeconds rounds up for a Retry-After header and is never 0")
    func retryAfterSeconds() {
        let error = { (retryAfter: Duration) in CircuitBreakerOpenError(name: "x", state: .open, retryAfter: retryAfter) }
        #expect(error(.seconds(7)).retryAfterSeconds == 7)
        #expect(error(.milliseconds(6_001)).retryAfterSeconds == 7)
        #expect(error(.milliseconds(1)).retryAfterSeconds == 1)
        #expect(error(.zero).retryAfterSeconds == 1)
    }

    @Test("execute does not run the operation while open")
    func executeShortCircuits() async throws {
        let harness = BreakerHarness()
        try harness.trip()
        var ran = false
        await #expect(throws: CircuitBreakerOpenError.self) {
            try await harness.breaker.execute { ran = true }
        }
        #expect(!ran)
    }

    @Test("openedAt is the wall-clock time of opening")
    func openedAtIsWallClock() throws {
        let harness = BreakerHarness()
        #expect(harness.breaker.snapshot().openedAt == nil)
        harness.clock.advance(by: .seconds(5))
        try harness.trip()
        #expect(harness.breaker.snapshot().openedAt == Date(timeIntervalSince1970: 1_700_000_005))
        #expect(harness.recorder.all.first?.at == Date(timeIntervalSince1970: 1_700_000_005))
    }

    @Test("reading the state does not move an expired open breaker to half-open")
    func readingIsPassive() throws {
        let harness = BreakerHarness(CircuitBreakerConfiguration(openDuration: .seconds(10)))
        try harness.trip()
        harness.clock.advance(by: .seconds(60))
        #expect(harness.breaker.state == .open)
        #expect(harness.breaker.snapshot().state == .open)
        #expect(harness.recorder.transitions == ["closed→open"])
    }

    @Test("the window that tripped the breaker stays visible while open")
    func windowKeptWhileOpen() throws {
        let harness = BreakerHarness(CircuitBreakerConfiguration(minimumCalls: 10))
        try harness.calls(.success, count: 4)
        try harness.calls(.failure, count: 6)
        let snapshot = harness.breaker.snapshot()
        #expect(snapshot.state == .open)
        #expect(snapshot.calls == 10)
        #expect(snapshot.failureRate == 0.6)
    }

    @Test("outcomes of calls admitted before the breaker opened are ignored")
    func staleOutcomesIgnored() throws {
        let harness = BreakerHarness(CircuitBreakerConfiguration(minimumCalls: 10))
        let early = try harness.breaker.acquirePermission()
        try harness.trip()
        harness.breaker.record(.failure, for: early)
        #expect(harness.breaker.snapshot().calls == 10)
    }
}
