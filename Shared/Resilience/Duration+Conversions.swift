import Foundation

extension Duration {
    /// Whole nanoseconds, saturating at `Int64.max`. Window and bucket arithmetic works in integer nanoseconds
    /// because `Duration` has no integer division, and saturation keeps a "practically forever" setting such as
    /// `.seconds(Int64.max)` from trapping.
    var saturatingNanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return seconds < 0 ? .min : .max }
        let (sum, sumOverflow) = scaled.addingReportingOverflow(attoseconds / 1_000_000_000)
        if sumOverflow { return scaled < 0 ? .min : .max }
        return sum
    }

    /// Seconds as a `TimeInterval`, for `Date` arithmetic.
    var timeInterval: TimeInterval {
        let (seconds, attoseconds) = components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}
