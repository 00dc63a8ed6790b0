/// W3C Trace Context: a request that arrives without `traceparent` starts a trace here, so the services' log lines
/// and events of one request share a trace id. One that arrives with one is forwarded unchanged.
enum TraceParent {
    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        let traceId = (0..<2).map { _ in hex(generator.next(upperBound: UInt64.max) | 1) }.joined()
        let spanId = hex(generator.next(upperBound: UInt64.max) | 1)
        return "00-\(traceId)-\(spanId)-01"
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
