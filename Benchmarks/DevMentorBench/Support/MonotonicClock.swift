#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Nanoseconds on the monotonic clock: one `clock_gettime` per sample, cheap enough to take twice per
/// operation without disturbing what is measured.
enum MonotonicClock {
    static func nanoseconds() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }

    static func nanoseconds(seconds: Double) -> UInt64 {
        UInt64(max(0, seconds) * 1e9)
    }
}
