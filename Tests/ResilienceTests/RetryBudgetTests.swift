import Resilience
import Testing

@Suite("Retry budget")
struct RetryBudgetTests {
    @Test("the reserve allows minRetriesPerSecond × ttl retries with no traffic")
    func reserve() {
        let budget = RetryBudget(ttl: .seconds(10), minRetriesPerSecond: 1, percentCanRetry: 0, clock: ManualClock())
        #expect(budget.balance == 10)
        let granted = (0..<15).filter { _ in budget.tryWithdraw() }.count
        #expect(granted == 10)
        #expect(budget.balance == 0)
    }

    @Test("requests earn retries at the configured percentage")
    func percentage() {
        let budget = RetryBudget(minRetriesPerSecond: 0, percentCanRetry: 0.2, clock: ManualClock())
        #expect(!budget.tryWithdraw())
        for _ in 0..<10 { budget.deposit() }
        #expect(budget.balance == 2)
        #expect(budget.tryWithdraw())
        #expect(budget.tryWithdraw())
        #expect(!budget.tryWithdraw())
        for _ in 0..<4 { budget.deposit() }
        #expect(!budget.tryWithdraw())  // 0.8 of a retry is not a retry
        budget.deposit()
        #expect(budget.tryWithdraw())
    }

    @Test("spent retries come back once they leave the window")
    func withdrawalsExpire() {
        let clock = ManualClock()
        let budget = RetryBudget(ttl: .seconds(10), minRetriesPerSecond: 1, percentCanRetry: 0, clock: clock)
        while budget.tryWithdraw() {}
        clock.advance(by: .seconds(5))
        #expect(!budget.tryWithdraw())
        clock.advance(by: .seconds(5))
        #expect(budget.balance == 10)
    }

    @Test("earned retries expire with the requests that earned them")
    func depositsExpire() {
        let clock = ManualClock()
        let budget = RetryBudget(ttl: .seconds(10), minRetriesPerSecond: 0, percentCanRetry: 0.5, clock: clock)
        for _ in 0..<10 { budget.deposit() }
        #expect(budget.balance == 5)
        clock.advance(by: .seconds(10))
        #expect(budget.balance == 0)
        #expect(!budget.tryWithdraw())
    }

    @Test("concurrent withdrawals never exceed the balance")
    func concurrentWithdrawals() async {
        let budget = RetryBudget(ttl: .seconds(10), minRetriesPerSecond: 5, percentCanRetry: 0, clock: ManualClock())
        let granted = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<100 {
                group.addTask { budget.tryWithdraw() }
            }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(granted == 50)
    }
}
