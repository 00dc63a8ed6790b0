import Synchronization

/// Counts operations in flight and remembers the most ever seen at once.
final class ConcurrencyProbe: Sendable {
    private let counts = Mutex((current: 0, peak: 0, total: 0))

    func enter() {
        counts.withLock { counts in
            counts.current += 1
            counts.total += 1
            counts.peak = max(counts.peak, counts.current)
        }
    }

    func leave() {
        counts.withLock { $0.current -= 1 }
    }

    var peak: Int { counts.withLock { $0.peak } }
    var total: Int { counts.withLock { $0.total } }
    var current: Int { counts.withLock { $0.current } }
}
