/// Duration conversions for the lock's Redis arguments (PX and PEXPIRE take whole milliseconds).
enum LockDuration {
    /// Rounded up, so a positive duration never becomes 0 ms (PEXPIRE 0 would delete the key).
    static func milliseconds(_ duration: Duration) -> Int64 {
        Int64(duration.redisMilliseconds)
    }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        guard !overflow else { return seconds < 0 ? .min : .max }
        return scaled + attoseconds / 1_000_000_000
    }
}
