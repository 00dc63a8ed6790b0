/// Thrown by an `EventConsumer` handler for an event it can never handle (its `data` does not decode as the
/// type's payload, it names no user…): the entry goes to the dead-letter stream at once instead of being
/// retried `maxDeliveries` times, since every retry would fail the same way.
public struct UnprocessableEvent: Error, CustomStringConvertible {
    public let reason: String

    public init(_ reason: String) {
        self.reason = reason
    }

    public var description: String { "unprocessable event: \(reason)" }
}
