import Resilience
import Synchronization

/// One retry budget per upstream, created on first use.
final class RetryBudgets: Sendable {
    private let budgets = Mutex<[String: RetryBudget]>([:])
    private let clock: any ResilienceClock

    init(clock: any ResilienceClock = SystemResilienceClock()) { self.clock = clock }

    func budget(for upstream: String) -> RetryBudget {
        budgets.withLock { budgets in
            if let existing = budgets[upstream] { return existing }
            let created = RetryBudget(clock: clock)
            budgets[upstream] = created
            return created
        }
    }
}
