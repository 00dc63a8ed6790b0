import Resilience
import Testing

@Suite("Backoff with full jitter")
struct BackoffTests {
    let backoff = Backoff(base: .milliseconds(100), cap: .seconds(5))

    @Test("ceilings double from the base and stop at the cap")
    func ceilings() {
        let ceilings = (0..<8).map { backoff.ceiling(forRetry: $0) }
        #expect(ceilings == [100, 200, 400, 800, 1_600, 3_200, 5_000, 5_000].map { Duration.milliseconds($0) })
    }

    @Test("huge retry numbers and bases saturate at the cap instead of overflowing")
    func noOverflow() {
        #expect(backoff.ceiling(forRetry: 62) == .seconds(5))
        #expect(backoff.ceiling(forRetry: 63) == .seconds(5))
        #expect(backoff.ceiling(forRetry: 10_000) == .seconds(5))
        let wide = Backoff(base: .seconds(1_000_000_000), cap: .seconds(2_000_000_000))
        #expect(wide.ceiling(forRetry: 40) == .seconds(2_000_000_000))
    }

    @Test("every delay lies between zero and its ceiling, never above the cap")
    func jitterBounds() {
        var generator = SystemRandomNumberGenerator()
        for retry in 0..<20 {
            let ceiling = backoff.ceiling(forRetry: retry)
            for _ in 0..<200 {
                let delay = backoff.delay(forRetry: retry, using: &generator)
                #expect(delay >= .zero && delay <= ceiling && delay <= backoff.cap)
            }
        }
    }

    @Test("delays are spread over the interval, not fixed")
    func jitterSpreads() {
        var generator = SeededRandomNumberGenerator(seed: 7)
        let delays = (0..<200).map { _ in backoff.delay(forRetry: 6, using: &generator) }
        #expect(Set(delays).count > 150)
        #expect(delays.contains { $0 < .milliseconds(1_000) })
        #expect(delays.contains { $0 > .milliseconds(4_000) })
    }

    @Test("a seeded generator gives the same delays every time")
    func deterministic() {
        func sequence(seed: UInt64) -> [Duration] {
            var generator = SeededRandomNumberGenerator(seed: seed)
            return (0..<10).map { backoff.delay(forRetry: $0, using: &generator) }
        }
        #expect(sequence(seed: 42) == sequence(seed: 42))
        #expect(sequence(seed: 42) != sequence(seed: 43))
    }

    @Test("a zero base never waits")
    func zeroBase() {
        let none = Backoff(base: .zero, cap: .seconds(1))
        #expect(none.ceiling(forRetry: 5) == .zero)
        #expect(none.delay(forRetry: 5) == .zero)
    }
}
