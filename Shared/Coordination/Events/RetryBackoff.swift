/// Exponential backoff with jitter for the loops that wait out a Redis or Postgres outage.
///
/// Kept here rather than taken from Resilience so the event bus has no opinion about retry policies of
/// request paths: these loops never give up, they only need to stop hammering a server that is down and to
/// avoid every replica reconnecting in the same millisecond.
struct RetryBackoff: Sendable {
    let initial: Duration
    let maximum: Duration
    private var current: Duration

    init(initial: Duration, maximum: Duration) {
        self.initial = min(initial, maximum)
        self.maximum = maximum
        self.current = self.initial
    }

    /// The next pause: uniformly random between a tenth of the bound and the bound, the bound doubling up to
    /// `maximum`. The floor keeps a run of unlucky draws from turning into a busy loop.
    mutating func next() -> Duration {
        let bound = current
        current = min(current * 2, maximum)
        let fraction = Double.random(in: 0.1...1.0)
        return bound * fraction
    }

    mutating func reset() {
        current = initial
    }
}
