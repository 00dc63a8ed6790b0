@testable import Gateway
import Testing

@Suite("traceparent")
struct TraceParentTests {
    @Test("the ids are written as W3C Trace Context says: lower-case hex, zero-padded, version 00, sampled")
    func format() {
        #expect(
            TraceParent.make(traceHigh: 0x0123_4567_89AB_CDEF, traceLow: 0xFEDC_BA98_7654_3210, span: 1)
                == "00-0123456789abcdeffedcba9876543210-0000000000000001-01"
        )
        #expect(TraceParent.make(traceHigh: 0, traceLow: 0, span: .max) == "00-00000000000000000000000000000000-ffffffffffffffff-01")
    }

    @Test("a new trace has random, non-zero ids")
    func random() {
        let made = (0..<100).map { _ in TraceParent.make() }
        #expect(Set(made).count == 100)
        for value in made {
            let parts = value.split(separator: "-")
            #expect(value.utf8.count == 55 && parts.count == 4 && parts[0] == "00" && parts[3] == "01")
            #expect(parts[1].utf8.count == 32 && parts[2].utf8.count == 16)
            #expect(value.utf8.allSatisfy { $0 == UInt8(ascii: "-") || (0x30...0x39).contains($0) || (0x61...0x66).contains($0) })
            #expect(parts[1] != String(repeating: "0", count: 32) && parts[2] != String(repeating: "0", count: 16))
        }
    }
}
