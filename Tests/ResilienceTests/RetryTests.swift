import Resilience
import Testing

@Suite("retry")
struct RetryTests {
    let policy = RetryPolicy(maxAttempts: 4, backoff: Backoff(base: .milliseconds(100), cap: .seconds(1)))

    @Test("retries until the operation succeeds, sleeping within the backoff between attempts")
    func succeedsAfterFailures() async throws {
        var attempts = 0
        var sleeps: [Duration] = []
        let value = try await retry(policy: policy, sleep: { sleeps.append($0) }) {
            attempts += 1
            if attempts < 3 { throw TestError(attempt: attempts) }
            return "ok"
        }
        #expect(value == "ok")
        #expect(attempts == 3)
        #expect(sleeps.count == 2)
        for (retryNumber, delay) in sleeps.enumerated() {
            #expect(delay >= .zero && delay <= policy.backoff.ceiling(forRetry: retryNumber))
        }
    }

    @Test("stops after the maximum number of attempts and rethrows the last error")
    func stopsAtMaxAttempts() async {
        var attempts = 0
        var sleeps = 0
        let error = await #expect(throws: TestError.self) {
            try await retry(policy: policy, sleep: { _ in sleeps += 1 }) {
                attempts += 1
                throw TestError(attempt: attempts)
            }
        }
        #expect(error == TestError(attempt: 4))
        #expect(attempts == 4)
        #expect(sleeps == 3)
    }

    @Test("does not retry an error the predicate rejects")
    func nonRetryable() async {
        var attempts = 0
        var sleeps = 0
        let error = await #expect(throws: TestError.self) {
            try await retry(policy: policy, sleep: { _ in sleeps += 1 }, isRetryable: { ($0 as? TestError)?.retryable ?? false }) {
                attempts += 1
                throw TestError(attempt: attempts, retryable: attempts < 2)
            }
        }
        // The first error is retryable, the second is not: it is thrown at once, without another wait.
        #expect(error == TestError(attempt: 2, retryable: false))
        #expect(attempts == 2)
        #expect(sleeps == 1)
    }

    @Test("never retries a cancellation")
    func cancellationNotRetried() async {
        var attempts = 0
        await #expect(throws: CancellationError.self) {
            try await retry(policy: policy, sleep: { _ in }) {
                attempts += 1
                throw CancellationError()
            }
        }
        #expect(attempts == 1)
    }

    @Test("a single-attempt policy does not retry")
    func noRetries() async {
        var attempts = 0
        await #expect(throws: TestError.self) {
            try await retry(policy: .none, sleep: { _ in }) {
                attempts += 1
                throw TestError()
            }
        }
        #expect(attempts == 1)
    }

    @Test("a seeded generator makes the waits reproducible")
    func seededSleeps() async {
        func waits(seed: UInt64) async -> [Duration] {
            var sleeps: [Duration] = []
            _ = try? await retry(policy: policy, random: SeededRandomNumberGenerator(seed: seed), sleep: { sleeps.append($0) }) {
                throw TestError()
            }
            return sleeps
        }
        let first = await waits(seed: 1)
        #expect(first.count == 3)
        #expect(await waits(seed: 1) == first)
        #expect(await waits(seed: 2) != first)
    }

    @Test("sleeping on a manual clock moves it by the waits")
    func manualClockSleep() async throws {
        let clock = ManualClock()
        var attempts = 0
        _ = try await retry(policy: policy, random: SeededRandomNumberGenerator(seed: 9), sleep: clock.sleep(for:)) {
            attempts += 1
            if attempts < 4 { throw TestError() }
        }
        var generator = SeededRandomNumberGenerator(seed: 9)
        let expected = (0..<3).map { policy.backoff.delay(forRetry: $0, using: &generator) }
        #expect(clock.elapsedTime == expected.reduce(.zero, +))
    }

    @Test("an exhausted budget stops retries and the first error is thrown")
    func budgetExhausted() async {
        let budget = RetryBudget(minRetriesPerSecond: 0, percentCanRetry: 0.2, clock: ManualClock())
        var attempts = 0
        let error = await #expect(throws: TestError.self) {
            try await retry(policy: policy, budget: budget, sleep: { _ in }) {
                attempts += 1
                throw TestError(attempt: attempts)
            }
        }
        #expect(error == TestError(attempt: 1))
        #expect(attempts == 1)
    }

    @Test("each retry withdraws from the budget and each call deposits once")
    func budgetAccounting() async {
        let budget = RetryBudget(minRetriesPerSecond: 0, percentCanRetry: 1.0, clock: ManualClock())
        for _ in 0..<2 { budget.deposit() }
        var attempts = 0
        _ = try? await retry(policy: RetryPolicy(maxAttempts: 10), budget: budget, sleep: { _ in }) {
            attempts += 1
            throw TestError()
        }
        // Two earlier requests plus this one: three tokens, so three retries.
        #expect(attempts == 4)
        #expect(budget.balance == 0)
    }
}
