import Synchronization

/// A flag one task raises and another polls, e.g. "the handler has started" or "let the handler finish".
final class EventTestFlag: Sendable {
    private let raised = Mutex(false)

    var isRaised: Bool { raised.withLock { $0 } }

    func raise() {
        raised.withLock { $0 = true }
    }
}
