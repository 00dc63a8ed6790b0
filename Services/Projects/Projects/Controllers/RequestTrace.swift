/// What identifies the request being served, for the work it causes beyond its own response: the events it writes
/// to the outbox carry its `traceparent`, and the saga's call to the AI gateway carries both. A task local, so the
/// service operations keep the signatures of `ProjectService` and work unchanged when called in process.
struct RequestTrace: Sendable {
    var requestId: String?
    var traceparent: String?

    @TaskLocal static var current: RequestTrace?

    /// A W3C `traceparent` (`00-<32 hex>-<16 hex>-<2 hex>`), or nil for anything else: it is copied into events
    /// and outbound headers, so only the exact format is taken.
    static func validTraceparent(_ value: String?) -> String? {
        guard let value else { return nil }
        let parts = value.split(separator: "-", omittingEmptySubsequences: false)
        let lengths = [2, 32, 16, 2]
        guard parts.count == 4, zip(parts, lengths).allSatisfy({ $0.count == $1 && $0.allSatisfy(\.isHexDigit) }) else { return nil }
        return value.lowercased()
    }
}
