import Foundation

/// The time source every type in this module reads, so that tests can move time by hand instead of sleeping.
///
/// Two readings are needed: a monotonic instant for measuring intervals (windows, open duration, call durations),
/// which must never jump when the wall clock is corrected, and a wall-clock date for the few values that are shown
/// to people (a breaker's `openedAt`). One protocol carries both so that one injected clock keeps them consistent.
public protocol ResilienceClock: Sendable {
    /// Monotonic time: only differences between two readings mean anything.
    func now() -> ContinuousClock.Instant
    /// Wall-clock time, for display only; never used to measure an interval.
    func wallClockNow() -> Date
}
