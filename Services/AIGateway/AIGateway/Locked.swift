import Synchronization

/// A `Mutex` in a class, so escaping closures (a streamed body's chunk handler, a provider's token callback) can
/// share it: a `Mutex` itself cannot be captured by one.
final class Locked<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>

    init(_ value: Value) { mutex = Mutex(value) }

    func withLock<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        try mutex.withLock { try body(&$0) }
    }

    var value: Value { mutex.withLock { $0 } }
}
