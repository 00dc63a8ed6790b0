import Resilience
import Testing

@Suite("Circuit breaker: closed state and sliding window")
struct CircuitBreakerClosedStateTests {
    @Test("does not open with fewer calls than the minimum, however many fail")
    func belowMinimumCalls() throws {
        let harness = BreakerHarness(CircuitBreakerConfiguration(minimumCalls: 10))
        try harness.calls(.failure, count: 9)
        #expect(harness.breaker.state == .closed)
        let snapshot = harness.breaker.snapshot()
        #expect(snapshot.calls == 9)
        #expect(snapshot.failureRate == 1.0)
        #expect(harness.recorder.transitions.isEmpty)
    }

    @Test("opens on the call that brings the failure rate to the threshold")
    func opensExactlyAtThreshold() throws {
        let harness = BreakerHarness(CircuitBreakerConfiguration(failureRateThreshold: 0.5, minimumCalls: 10))
        try harness.calls(.success, count: 5)
        try harness.calls(.failure, count: 4)
        #expect(harness.breaker.state == .closed)
        try harness.call(.failure)  // 5 of 10 = 0.5
        #expect(harness.breaker.state == .open)
        #expect(harness.recorder.transitions == ["closed→open"])
    }

    @Test("stays closed just below the threshold")
    func staysClosedBelowThreshold() throws {
        let harness = BreakerHarness(CircuitBreakerConfiguration(failureRateThreshold: 0.5, minimumCalls: 10))
        try harness.calls(.success, count: 6)
        try harness.calls(.failure, count: 5)  // 5 of 11
        #expect(harness.breaker.state == .closed)
        #expect(harness.breaker.snapshot().calls == 11)
        try harness.call(.failure)  // 6 of 12
        #expect(harness.breaker.state == .open)
    }

    @Test("calls still inside the window count towards opening")
    func recentBucketsCount() throws {
        let harness = BreakerHarness(CircuitBreakerConfiguration(slidingWindow: .seconds(10), windowBuckets: 10, minimumCalls: 10))
        try harness.calls(.failure, count: 9)
        harness.clock.advance(by: .milliseconds(9_500))  // bucket 9: bucket 0 is the oldest still in the window
        #expect(harness.breaker.snapshot().calls == 9)
        try harness.call(.failure)
        #expect(harness.breaker.state == .open)
    }

    @Test("calls in buckets older than the window no longer count")
    func oldBucketsFallOut() throws {
        let harness = BreakerHarness(CircuitBreakerConfiguration(slidingWindow: .seconds(10), windowBuckets: 10, minimumCalls: 10))
        try harness.calls(.failure, count: 9)
        harness.clock.advance(by: .seconds(10))  // bucket 10: bucket 0 has left
        #expect(harness.breaker.snapshot().calls == 0)
        try harness.call(.failure)
        #expect(harness.breaker.state == .closed)
        #expect(harness.breaker.snapshot().calls == 1)
    }

    @Test("buckets leave one at a time")
    func bucketsLeaveOneAtATime() throws {
        let harness = BreakerHarness(CircuitBreakerConfiguration(slidingWindow: .seconds(10), windowBuckets: 10, minimumCalls: 100))
        for _ in 0..<10 {
            try harness.calls(.failure, count: 2)
            harness.clock.advance(by: .seconds(1))
        }
        // Now in bucket 10: buckets 1...9 hold 2 calls each, bucket 0 is gone.
        #expect(harness.breaker.snapshot().calls == 18)
        harness.clock.advance(by: .seconds(5))
        #expect(harness.breaker.snapshot().calls == 8)
        harness.clock.advance(by: .seconds(5))
        #expect(harness.breaker.snapshot().calls == 0)
    }

    @Test("a slot reused by a later bucket starts from zero")
    func reusedSlotStartsEmpty() throws {
        let harness = BreakerHarness(CircuitBreakerConfiguration(slidingWindow: .seconds(10), windowBuckets: 10, minimumCalls: 100))
        try harness.calls(.failure, count: 5)
        harness.clock.advance(by: .seconds(20))  // same ring slot as bucket 0, two laps later
        try harness.call(.success)
        let snapshot = harness.breaker.snapshot()
        #expect(snapshot.calls == 1)
        #expect(snapshot.failedCalls == 0)
    }

    @Test("slow calls open the breaker at the slow-call rate threshold")
    func slowCallsCount() throws {
        let harness = BreakerHarness(
            CircuitBreakerConfiguration(minimumCalls: 4, slowCallDurationThreshold: .seconds(1), slowCallRateThreshold: 0.5)
        )
        try harness.calls(.success, count: 2, duration: .milliseconds(200))
        try harness.call(.success, duration: .seconds(1))  // exactly the threshold counts as slow
        #expect(harness.breaker.state == .closed)
        try harness.call(.success, duration: .seconds(3))
        #expect(harness.breaker.state == .open)
        let snapshot = harness.breaker.snapshot()
        #expect(snapshot.failureRate == 0)
        #expect(snapshot.slowCalls == 2)
        #expect(snapshot.slowCallRate == 0.5)
    }

    @Test("without an explicit duration the call is timed on the breaker's clock")
    func durationFromClock() throws {
        let harness = BreakerHarness(CircuitBreakerConfiguration(minimumCalls: 100, slowCallDurationThreshold: .seconds(2)))
        let slow = try harness.breaker.acquirePermission()
        harness.clock.advance(by: .seconds(3))
        harness.breaker.record(.success, for: slow)
        let fast = try harness.breaker.acquirePermission()
        harness.clock.advance(by: .seconds(1))
        harness.breaker.record(.success, for: fast)
        #expect(harness.breaker.snapshot().slowCalls == 1)
        #expect(harness.breaker.snapshot().calls == 2)
    }

    @Test("with the default slow-call rate only a window of nothing but slow calls opens it")
    func defaultSlowRate() throws {
        let harness = BreakerHarness()
        try harness.calls(.success, count: 9, duration: .seconds(5))
        try harness.call(.success, duration: .milliseconds(1))
        try harness.calls(.success, count: 20, duration: .seconds(5))
        #expect(harness.breaker.state == .closed)

        let allSlow = BreakerHarness()
        try allSlow.calls(.success, count: 10, duration: .seconds(5))
        #expect(allSlow.breaker.state == .open)
    }

    @Test("ignored outcomes are not counted")
    func ignoredNotCounted() throws {
        let harness = BreakerHarness(CircuitBreakerConfiguration(minimumCalls: 2))
        try harness.calls(.ignored, count: 20)
        try harness.call(.failure)
        #expect(harness.breaker.state == .closed)
        #expect(harness.breaker.snapshot().calls == 1)
    }

    @Test("execute records successes, failures, and errors that are not failures")
    func executeRecords() async throws {
        let harness = BreakerHarness(CircuitBreakerConfiguration(minimumCalls: 100))
        let value = try await harness.breaker.execute { 42 }
        #expect(value == 42)
        await #expect(throws: TestError.self) {
            try await harness.breaker.execute { throw TestError() }
        }
        await #expect(throws: TestError.self) {
            try await harness.breaker.execute(isFailure: { _ in false }) { throw TestError() }
        }
        await #expect(throws: CancellationError.self) {
            try await harness.breaker.execute { throw CancellationError() }
        }
        let snapshot = harness.breaker.snapshot()
        #expect(snapshot.calls == 3)
        #expect(snapshot.failedCalls == 1)
    }
}
