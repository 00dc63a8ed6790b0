import Synchronization

/// Latency samples recorded from tasks the bench does not own (an EventConsumer's handler). A class, because a
/// `Mutex` cannot be captured by an escaping closure itself.
final class SampleSink: Sendable {
    private let samples: Mutex<[UInt64]>

    init(capacity: Int) {
        var storage: [UInt64] = []
        storage.reserveCapacity(capacity)
        samples = Mutex(storage)
    }

    func record(_ nanoseconds: UInt64) {
        samples.withLock { $0.append(nanoseconds) }
    }

    var count: Int { samples.withLock { $0.count } }

    var all: [UInt64] { samples.withLock { $0 } }
}
