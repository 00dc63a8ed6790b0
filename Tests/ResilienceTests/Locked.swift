import Synchronization

/// A Mutex-guarded value that escaping task closures can share: `Mutex` itself is non-copyable and cannot be
/// captured by them, so tests hold it through this class.
final class Locked<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>

    init(_ value: Value) {
        mutex = Mutex(value)
    }

    var value: Value {
        mutex.withLock { $0 }
    }

    func withLock<Result: Sendable>(_ body: (inout Value) -> Result) -> Result {
        mutex.withLock { body(&$0) }
    }
}
