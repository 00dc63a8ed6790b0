import Foundation
import Synchronization

/// A circuit breaker: refuses calls to a dependency that has been failing, instead of letting every caller wait
/// for it to time out, and lets a few probes through after a while to find out whether it has recovered.
///
/// closed → open when, with at least `minimumCalls` in the sliding window, the failure rate or the slow-call
/// rate reaches its threshold; open → halfOpen on the first `acquirePermission()` after `openDuration`;
/// halfOpen → closed when all `halfOpenProbes` probes succeed, → open when one fails or one runs past
/// `maxHalfOpenWait`. `reset()` closes it from any state.
///
/// A class with its state behind a `Mutex` rather than an actor: the gateway asks it once per request, and
/// `acquirePermission()` / `record` are short synchronous critical sections that need no suspension point.
///
///     let permission = try breaker.acquirePermission()   // throws CircuitBreakerOpenError → 503 + Retry-After
///     do { let response = try await call(); breaker.record(.success, for: permission) }
///     catch { breaker.record(.failure, for: permission); throw error }
public final class CircuitBreaker: Sendable {
    public let name: String
    public let configuration: CircuitBreakerConfiguration
    private let clock: any ResilienceClock
    private let onStateChange: (@Sendable (CircuitBreakerStateChange) -> Void)?
    private let core: Mutex<CircuitBreakerCore>

    /// - Parameter onStateChange: called after every state change, outside the breaker's lock (so it may call
    ///   back into the breaker). Changes made on different threads may be reported out of order; each report
    ///   carries both ends of its change, and `snapshot()` gives the current state.
    public init(
        name: String,
        configuration: CircuitBreakerConfiguration = CircuitBreakerConfiguration(),
        clock: any ResilienceClock = SystemResilienceClock(),
        onStateChange: (@Sendable (CircuitBreakerStateChange) -> Void)? = nil
    ) {
        self.name = name
        self.configuration = configuration
        self.clock = clock
        self.onStateChange = onStateChange
        core = Mutex(CircuitBreakerCore(name: name, configuration: configuration, origin: clock.now()))
    }

    /// Asks to make one call. Closed: always granted. Open: refused at once with the time left until half-open.
    /// Half-open: granted as a probe while probe slots are free, refused otherwise.
    public func acquirePermission() throws(CircuitBreakerOpenError) -> CircuitBreakerPermission {
        var transitions: [CircuitBreakerCore.Transition] = []
        let result = core.withLock { core in
            // The clock is read inside the lock so that the core sees time move forward only, whatever the
            // interleaving of callers.
            core.acquire(now: clock.now(), wallNow: clock.wallClockNow(), transitions: &transitions)
        }
        publish(transitions)
        return try result.get()
    }

    /// Reports how a call admitted by `permission` ended, measuring its duration on the breaker's clock.
    public func record(_ outcome: CallOutcome, for permission: CircuitBreakerPermission) {
        record(outcome, for: permission, duration: nil)
    }

    /// Reports how a call ended, with a duration measured by the caller (for instance time to first byte rather
    /// than the whole streamed body).
    public func record(_ outcome: CallOutcome, for permission: CircuitBreakerPermission, duration: Duration) {
        record(outcome, for: permission, duration: Optional(duration))
    }

    /// Runs `operation` under the breaker: refused with `CircuitBreakerOpenError` without running it while the
    /// breaker refuses calls, otherwise its outcome is recorded. Errors for which `isFailure` is false count as
    /// successes (the dependency answered); a `CancellationError` is recorded as `.ignored`.
    public func execute<T>(
        isolation: isolated (any Actor)? = #isolation,
        isFailure: (any Error) -> Bool = { _ in true },
        _ operation: () async throws -> T
    ) async throws -> T {
        let permission = try acquirePermission()
        do {
            let value = try await operation()
            record(.success, for: permission)
            return value
        } catch let error as CancellationError {
            record(.ignored, for: permission)
            throw error
        } catch {
            record(isFailure(error) ? .failure : .success, for: permission)
            throw error
        }
    }

    /// Closes the breaker, empties its window and forgets when it last opened (the admin reset route).
    /// Outcomes of calls admitted before the reset are ignored.
    public func reset() {
        var transitions: [CircuitBreakerCore.Transition] = []
        core.withLock { $0.reset(transitions: &transitions) }
        publish(transitions)
    }

    /// The state as last decided. An open breaker whose open duration has passed still reads `.open` until the
    /// next `acquirePermission()` moves it to half-open; reading does not change state.
    public var state: CircuitBreakerState {
        core.withLock { $0.state }
    }

    public func snapshot() -> CircuitBreakerSnapshot {
        core.withLock { $0.snapshot(now: clock.now()) }
    }

    private func record(_ outcome: CallOutcome, for permission: CircuitBreakerPermission, duration: Duration?) {
        var transitions: [CircuitBreakerCore.Transition] = []
        core.withLock { core in
            let now = clock.now()
            core.record(
                outcome,
                for: permission,
                duration: duration ?? (now - permission.startedAt),
                now: now,
                wallNow: clock.wallClockNow(),
                transitions: &transitions
            )
        }
        publish(transitions)
    }

    private func publish(_ transitions: [CircuitBreakerCore.Transition]) {
        guard let onStateChange, !transitions.isEmpty else { return }
        let at = clock.wallClockNow()
        for transition in transitions {
            onStateChange(CircuitBreakerStateChange(name: name, from: transition.from, to: transition.to, at: at))
        }
    }
}
