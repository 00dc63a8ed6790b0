import Foundation

/// Reads a `text/event-stream` body as it arrives: feed it byte chunks in any split, take the frames completed so
/// far. Follows the SSE specification's parsing rules: LF, CR or CRLF line ends, `field: value` with one optional
/// space after the colon, lines starting with `:` are comments, a blank line dispatches the frame, a frame without
/// data is dropped. A line longer than `maxLineBytes` is refused rather than buffered without bound.
public struct ServerSentEventParser: Sendable {
    public struct LineTooLong: Error, Sendable, CustomStringConvertible {
        public let limit: Int
        public var description: String { "an event-stream line is longer than \(limit) bytes" }
    }

    public let maxLineBytes: Int
    private var line: [UInt8] = []
    private var lastWasCR = false
    private var event: String?
    private var data: [String] = []
    private var id: String?

    public init(maxLineBytes: Int = 1 << 20) {
        self.maxLineBytes = maxLineBytes
    }

    /// The frames that `bytes` completed, in order.
    public mutating func consume(_ bytes: some Sequence<UInt8>) throws(LineTooLong) -> [ServerSentEvent] {
        var frames: [ServerSentEvent] = []
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\n"):
                if lastWasCR {
                    lastWasCR = false
                    continue
                }
                if let frame = endLine() { frames.append(frame) }
            case UInt8(ascii: "\r"):
                lastWasCR = true
                if let frame = endLine() { frames.append(frame) }
            default:
                lastWasCR = false
                guard line.count < maxLineBytes else { throw LineTooLong(limit: maxLineBytes) }
                line.append(byte)
            }
        }
        return frames
    }

    private mutating func endLine() -> ServerSentEvent? {
        defer { line.removeAll(keepingCapacity: true) }
        guard !line.isEmpty else { return dispatch() }
        if line.first == UInt8(ascii: ":") { return nil }
        let text = String(decoding: line, as: UTF8.self)
        let field: Substring
        var value: Substring
        if let colon = text.firstIndex(of: ":") {
            field = text[..<colon]
            value = text[text.index(after: colon)...]
            if value.first == " " { value = value.dropFirst() }
        } else {
            field = Substring(text)
            value = ""
        }
        switch field {
        case "event": event = String(value)
        case "data": data.append(String(value))
        case "id": id = String(value)
        default: break
        }
        return nil
    }

    private mutating func dispatch() -> ServerSentEvent? {
        defer {
            event = nil
            data.removeAll()
        }
        guard !data.isEmpty else { return nil }
        return ServerSentEvent(event: event ?? "message", data: data.joined(separator: "\n"), id: id)
    }
}
