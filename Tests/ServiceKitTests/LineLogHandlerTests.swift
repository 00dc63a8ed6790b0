import Logging
import Testing

@testable import ServiceKit

@Suite("Log lines")
struct LineLogHandlerTests {
    @Test func aLineCarriesTheMetadataOfHandlerAndCallSortedByKey() {
        var handler = LineLogHandler(label: "gateway")
        handler[metadataKey: "request_id"] = "r-1"
        handler[metadataKey: "user_id"] = "u-1"
        let line = handler.line(
            level: .warning, message: "upstream unreachable", metadata: ["upstream": "auth", "user_id": "u-2"],
            source: "Gateway", timestamp: "2026-12-03T12:00:00+0000"
        )
        #expect(line == "2026-12-03T12:00:00+0000 warning gateway: request_id=r-1 upstream=auth user_id=u-2 [Gateway] upstream unreachable\n")
    }

    @Test func aLineWithoutMetadataHasNone() {
        let line = LineLogHandler(label: "auth").line(level: .info, message: "ready", metadata: nil, source: "Auth", timestamp: "T")
        #expect(line == "T info auth: [Auth] ready\n")
    }

    @Test func theTimestampIsISO8601ToTheSecond() {
        let stamp = LineLogHandler.timestamp()
        #expect(stamp.count == 24)
        #expect(stamp.dropFirst(10).first == "T")
    }
}
