/// How a circuit breaker decides. The defaults suit an HTTP upstream behind the gateway.
public struct CircuitBreakerConfiguration: Sendable, Hashable {
    /// Length of the time-based sliding window the rates are computed over.
    public var slidingWindow: Duration
    /// Number of buckets the window is cut into; calls leave the window a bucket at a time, so the effective
    /// window is between `slidingWindow - slidingWindow / windowBuckets` and `slidingWindow` long.
    public var windowBuckets: Int
    /// The breaker opens when the failed share of the calls in the window reaches this (inclusive), 0 < x ≤ 1.
    public var failureRateThreshold: Double
    /// No verdict is drawn from fewer calls than this in the window: two failures out of three calls at night
    /// should not take an upstream out.
    public var minimumCalls: Int
    /// A call taking this long or longer counts as slow (whether it succeeded or failed).
    public var slowCallDurationThreshold: Duration
    /// The breaker opens when the slow share of the calls in the window reaches this (inclusive). The default,
    /// 1.0, opens only when every call in a full window is slow, which in practice leaves slow-call opening off
    /// unless asked for; any value above 1 switches it off completely.
    public var slowCallRateThreshold: Double
    /// How long the breaker stays open before it lets probes through (the transition happens lazily, on the
    /// first `acquirePermission()` after this has passed).
    public var openDuration: Duration
    /// Probe calls admitted in half-open. All must succeed to close; one failure opens the breaker again.
    public var halfOpenProbes: Int
    /// How long a half-open probe may run without an outcome before the breaker gives up on it and opens
    /// again. It stops a probe whose outcome is never recorded from keeping the breaker half-open (and refusing
    /// everyone else) forever; set it just above the guarded call's own timeout.
    public var maxHalfOpenWait: Duration

    public init(
        slidingWindow: Duration = .seconds(10),
        windowBuckets: Int = 10,
        failureRateThreshold: Double = 0.5,
        minimumCalls: Int = 10,
        slowCallDurationThreshold: Duration = .seconds(2),
        slowCallRateThreshold: Double = 1.0,
        openDuration: Duration = .seconds(10),
        halfOpenProbes: Int = 3,
        maxHalfOpenWait: Duration = .seconds(30)
    ) {
        self.slidingWindow = slidingWindow
        self.windowBuckets = windowBuckets
        self.failureRateThreshold = failureRateThreshold
        self.minimumCalls = minimumCalls
        self.slowCallDurationThreshold = slowCallDurationThreshold
        self.slowCallRateThreshold = slowCallRateThreshold
        self.openDuration = openDuration
        self.halfOpenProbes = halfOpenProbes
        self.maxHalfOpenWait = maxHalfOpenWait
    }

    /// A nonsensical configuration is a programming error, caught when the breaker is built rather than
    /// showing up later as a breaker that never (or always) opens.
    func validate() {
        precondition(slidingWindow > .zero, "slidingWindow must be positive")
        precondition(windowBuckets >= 1, "windowBuckets must be at least 1")
        precondition(failureRateThreshold > 0 && failureRateThreshold <= 1, "failureRateThreshold must be in (0, 1]")
        precondition(minimumCalls >= 1, "minimumCalls must be at least 1")
        precondition(slowCallDurationThreshold > .zero, "slowCallDurationThreshold must be positive")
        precondition(slowCallRateThreshold > 0, "slowCallRateThreshold must be positive")
        precondition(openDuration >= .zero, "openDuration must not be negative")
        precondition(halfOpenProbes >= 1, "halfOpenProbes must be at least 1")
        precondition(maxHalfOpenWait > .zero, "maxHalfOpenWait must be positive")
    }
}
