import Metrics

/// The lock's counters. Created per `DistributedLock` rather than once per process so that they bind to
/// whatever metrics backend was bootstrapped before the service built its lock. No resource dimension:
/// resources are per project, which would make the series unbounded.
struct LockMetrics: Sendable {
    /// New tenures and same-owner re-acquisitions.
    let acquired = Counter(label: "coordination.lock.acquired")
    /// Acquire attempts that found the lock held by another owner.
    let contended = Counter(label: "coordination.lock.contended")
    /// Releases that ended the caller's own tenure.
    let released = Counter(label: "coordination.lock.released")
    /// Tenures found gone or taken over: a release or extend that no longer matched, or a watchdog that
    /// could not renew.
    let lost = Counter(label: "coordination.lock.lost")
}
