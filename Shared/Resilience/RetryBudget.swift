import Synchronization

/// Caps retries at a share of recent traffic, as Finagle's and Envoy's retry budgets do: every request deposits
/// `percentCanRetry` of a token, every retry withdraws a whole one, and a reserve of `minRetriesPerSecond * ttl`
/// tokens lets a quiet client still retry a little. Deposits and withdrawals count for `ttl` and then expire.
///
/// Per-call attempt limits alone let a fleet multiply its load by `maxAttempts` exactly when a dependency is
/// struggling; a budget shared by all calls to that dependency keeps the extra load to, by default, 20 %.
public final class RetryBudget: Sendable {
    /// Tokens are kept in thousandths so fractional deposits (0.2 of a retry) add up exactly in integers.
    private static let scale: Int64 = 1000

    public let ttl: Duration
    public let minRetriesPerSecond: Int
    public let percentCanRetry: Double
    private let clock: any ResilienceClock
    private let depositAmount: Int64
    private let reserve: Int64
    private let window: Mutex<TimeBucketedWindow<Int64>>

    /// - Parameters:
    ///   - ttl: how long a deposit or withdrawal counts (1...60 s is sensible).
    ///   - minRetriesPerSecond: retries allowed on top of the percentage, averaged over `ttl`.
    ///   - percentCanRetry: retries allowed per request, 0...1000 (0.2 = one retry per five requests).
    public init(
        ttl: Duration = .seconds(10),
        minRetriesPerSecond: Int = 10,
        percentCanRetry: Double = 0.2,
        clock: any ResilienceClock = SystemResilienceClock()
    ) {
        precondition(ttl > .zero, "ttl must be positive")
        precondition(minRetriesPerSecond >= 0, "minRetriesPerSecond must not be negative")
        precondition(percentCanRetry >= 0 && percentCanRetry <= 1000, "percentCanRetry must be in 0...1000")
        self.ttl = ttl
        self.minRetriesPerSecond = minRetriesPerSecond
        self.percentCanRetry = percentCanRetry
        self.clock = clock
        depositAmount = Int64((percentCanRetry * Double(Self.scale)).rounded())
        let ttlMillis = ttl.saturatingNanoseconds / 1_000_000
        reserve = Int64(minRetriesPerSecond) * ttlMillis * Self.scale / 1000
        window = Mutex(TimeBucketedWindow(origin: clock.now(), span: ttl, bucketCount: 10))
    }

    /// Records one request (its first attempt, not its retries).
    public func deposit() {
        window.withLock { $0.add(depositAmount, at: clock.now()) }
    }

    /// Takes one retry from the budget if the balance allows it; false means "do not retry".
    public func tryWithdraw() -> Bool {
        window.withLock { window in
            let now = clock.now()
            guard reserve + window.total(at: now) >= Self.scale else { return false }
            window.add(-Self.scale, at: now)
            return true
        }
    }

    /// Whole retries the budget would allow right now.
    public var balance: Int {
        let tokens = window.withLock { reserve + $0.total(at: clock.now()) }
        return Int(max(0, tokens) / Self.scale)
    }
}
