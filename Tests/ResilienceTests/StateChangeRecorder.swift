import Resilience
import Synchronization

/// Collects a breaker's state-change reports; the callback is `@Sendable`, so the list sits behind a Mutex.
final class StateChangeRecorder: Sendable {
    private let changes = Mutex<[CircuitBreakerStateChange]>([])

    var all: [CircuitBreakerStateChange] {
        changes.withLock { $0 }
    }

    /// The changes as (from, to) pairs, the part most tests compare.
    var transitions: [String] {
        all.map { "\($0.from.rawValue)→\($0.to.rawValue)" }
    }

    var callback: @Sendable (CircuitBreakerStateChange) -> Void {
        { change in self.changes.withLock { $0.append(change) } }
    }
}
