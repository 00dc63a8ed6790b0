/// Thrown by `Bulkhead.execute` when every slot is busy and the waiting line is full: shedding the call at once
/// is the point, since queueing without bound would only move the overload into memory and latency.
public struct BulkheadFullError: Error, Sendable, Hashable, CustomStringConvertible {
    public let name: String
    public let maxConcurrent: Int
    public let maxWaiting: Int

    public init(name: String, maxConcurrent: Int, maxWaiting: Int) {
        self.name = name
        self.maxConcurrent = maxConcurrent
        self.maxWaiting = maxWaiting
    }

    public var description: String {
        "bulkhead '\(name)' is full (\(maxConcurrent) running, \(maxWaiting) waiting)"
    }
}
