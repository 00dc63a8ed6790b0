import Contracts

/// W3C Trace Context: a request that arrives without `traceparent` starts a trace here, so the services' log lines
/// and events of one request share a trace id. One that arrives with one is forwarded unchanged.
enum TraceParent {
    /// `00-<32 hex trace id>-<16 hex span id>-01`, written into one 55-byte string (the joined `String(radix:)`
    /// pieces were a per cent of the gateway's CPU per request). Neither id is all zeros, as the spec requires.
    static func make() -> String {
        RandomWords.next(3) { words in make(traceHigh: words[0] | 1, traceLow: words[1], span: words[2] | 1) }
    }

    static func make(traceHigh: UInt64, traceLow: UInt64, span: UInt64) -> String {
        String(unsafeUninitializedCapacity: 55) { buffer in
            let digits: StaticString = "0123456789abcdef"
            var at = 0
            func write(_ text: StaticString) {
                for offset in 0..<text.utf8CodeUnitCount {
                    buffer[at] = text.utf8Start[offset]
                    at += 1
                }
            }
            func write(hex value: UInt64) {
                for shift in stride(from: 60, through: 0, by: -4) {
                    buffer[at] = digits.utf8Start[Int((value >> UInt64(shift)) & 0xF)]
                    at += 1
                }
            }
            write("00-")
            write(hex: traceHigh)
            write(hex: traceLow)
            write("-")
            write(hex: span)
            write("-01")
            return at
        }
    }
}
