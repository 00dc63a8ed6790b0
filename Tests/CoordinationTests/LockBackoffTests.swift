import Coordination
import Testing

@Suite("Lock retry backoff: exponential, capped, full jitter")
struct LockBackoffTests {
    @Test func capDoublesUpToTheMaximum() {
        let backoff = LockBackoff(baseDelay: .milliseconds(10), maxDelay: .milliseconds(100))
        #expect(backoff.cap(forRetry: 0) == .milliseconds(10))
        #expect(backoff.cap(forRetry: 1) == .milliseconds(20))
        #expect(backoff.cap(forRetry: 2) == .milliseconds(40))
        #expect(backoff.cap(forRetry: 3) == .milliseconds(80))
        #expect(backoff.cap(forRetry: 4) == .milliseconds(100))
        #expect(backoff.cap(forRetry: 63) == .milliseconds(100))
        #expect(backoff.cap(forRetry: Int.max) == .milliseconds(100))
    }

    @Test func delaysAreDrawnBetweenZeroAndTheCap() {
        let backoff = LockBackoff(baseDelay: .milliseconds(10), maxDelay: .milliseconds(100))
        var generator = SplitMix64(state: 42)
        for retry in 0..<10 {
            let cap = backoff.cap(forRetry: retry)
            var smallest = cap
            var largest = Duration.zero
            for _ in 0..<200 {
                let delay = backoff.delay(forRetry: retry, using: &generator)
                #expect(delay >= .zero && delay <= cap)
                smallest = min(smallest, delay)
                largest = max(largest, delay)
            }
            // Full jitter spreads over the whole range, not just near the cap.
            #expect(smallest < cap / 4)
            #expect(largest > cap * 3 / 4)
        }
    }

    @Test func zeroBaseMeansNoDelay() {
        let backoff = LockBackoff(baseDelay: .zero, maxDelay: .seconds(1))
        #expect(backoff.cap(forRetry: 5) == .zero)
        #expect(backoff.delay(forRetry: 5) == .zero)
    }

    @Test func baseAboveMaximumIsCapped() {
        let backoff = LockBackoff(baseDelay: .seconds(5), maxDelay: .seconds(1))
        #expect(backoff.cap(forRetry: 0) == .seconds(1))
    }
}
