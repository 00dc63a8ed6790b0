import Foundation

/// The real clocks: `ContinuousClock` for intervals (it keeps counting while the machine sleeps, so an open
/// duration is not stretched by a suspended laptop) and `Date()` for display.
public struct SystemResilienceClock: ResilienceClock {
    public init() {}

    public func now() -> ContinuousClock.Instant {
        ContinuousClock.now
    }

    public func wallClockNow() -> Date {
        Date()
    }
}
