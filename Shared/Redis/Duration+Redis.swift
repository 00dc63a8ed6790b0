/// Durations as Redis arguments (BLOCK, PX, min-idle-time, EX), for every module that talks to Redis.
extension Duration {
    /// Whole milliseconds, rounded up so that a positive duration never becomes 0 (which Redis reads as
    /// "block forever" for BLOCK and as "no minimum" for min-idle-time).
    public var redisMilliseconds: Int {
        let (seconds, attoseconds) = components
        let millis = seconds * 1_000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int(clamping: millis)
    }

    /// Whole seconds, rounded up, at least 1 (for `EX`).
    public var redisSeconds: Int {
        max(1, (redisMilliseconds + 999) / 1_000)
    }
}
