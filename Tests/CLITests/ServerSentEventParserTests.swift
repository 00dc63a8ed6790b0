import Contracts
import Testing

/// The SSE parser the client reads the event feed with, fed the way a network delivers bytes: in arbitrary pieces.
@Suite("Contracts: Server-Sent Events parsing")
struct ServerSentEventParserTests {
    static let stream = ": connected\n\nid: 1-0\nevent: project.created\ndata: {\"a\":1}\n\n: heartbeat\n\r\nid: 2-0\r\nevent: token\r\ndata: line one\r\ndata:line two\r\n\r\nretry: 100\ndata: no id of its own\n\nevent: empty\n\n"

    static let expected = [
        ServerSentEvent(event: "project.created", data: "{\"a\":1}", id: "1-0"),
        ServerSentEvent(event: "token", data: "line one\nline two", id: "2-0"),
        // The last id stays until another replaces it: what a reconnect sends as Last-Event-ID.
        ServerSentEvent(event: "message", data: "no id of its own", id: "2-0"),
    ]

    @Test(arguments: [1, 2, 3, 7, 1000])
    func framesSurviveAnyChunking(chunkSize: Int) throws {
        var parser = ServerSentEventParser()
        var frames: [ServerSentEvent] = []
        let bytes = Array(Self.stream.utf8)
        var start = 0
        while start < bytes.count {
            let end = min(start + chunkSize, bytes.count)
            frames += try parser.consume(bytes[start..<end])
            start = end
        }
        #expect(frames == Self.expected)
    }

    @Test func anUnfinishedFrameWaitsAndAnEndlessLineIsRefused() throws {
        var parser = ServerSentEventParser(maxLineBytes: 16)
        #expect(try parser.consume(Array("data: half".utf8)).isEmpty)
        #expect(try parser.consume(Array("\n\n".utf8)) == [ServerSentEvent(data: "half")])
        #expect(throws: ServerSentEventParser.LineTooLong.self) {
            _ = try parser.consume(Array(repeating: UInt8(ascii: "x"), count: 17))
        }
    }
}
