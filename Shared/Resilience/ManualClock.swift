import Foundation
import Synchronization

/// A clock that only moves when told to, for tests in this package and in any target that uses it.
///
/// It lives in the library rather than in the tests so that other targets' tests (the gateway's breakers, the
/// AI providers' fallback chain) can drive the same types deterministically.
public final class ManualClock: ResilienceClock {
    /// `ContinuousClock.Instant` cannot be built from a number, so the manual clock anchors itself to a real
    /// reading taken once and adds its own elapsed time to it.
    private let origin: ContinuousClock.Instant
    private let wallClockOrigin: Date
    private let elapsed: Mutex<Duration>

    /// - Parameter wallClockStart: what `wallClockNow()` answers before the first `advance`. A fixed default
    ///   keeps dates in test expectations reproducible.
    public init(wallClockStart: Date = Date(timeIntervalSince1970: 1_700_000_000)) {
        origin = ContinuousClock.now
        wallClockOrigin = wallClockStart
        elapsed = Mutex(.zero)
    }

    public func now() -> ContinuousClock.Instant {
        origin + elapsed.withLock { $0 }
    }

    public func wallClockNow() -> Date {
        wallClockOrigin.addingTimeInterval(elapsed.withLock { $0 }.timeInterval)
    }

    /// How far the clock has been advanced since it was created.
    public var elapsedTime: Duration {
        elapsed.withLock { $0 }
    }

    /// Moves both readings forward. Time never goes backwards, as with the real clocks.
    public func advance(by duration: Duration) {
        precondition(duration >= .zero, "a clock cannot go backwards")
        elapsed.withLock { $0 += duration }
    }

    /// A stand-in for `Task.sleep(for:)` that advances the clock instead of waiting, so code that sleeps between
    /// attempts (`retry`) runs instantly and sees time pass. Meant for a single task driving the clock; it still
    /// honours cancellation like the real sleep.
    public func sleep(for duration: Duration) async throws {
        try Task.checkCancellation()
        advance(by: duration)
    }
}
