import Foundation

/// One Server-Sent Events frame: the `event:` name, the `data:` text (several `data:` lines joined by `\n`) and the
/// optional `id:`. The AI gateway writes its chat stream with it, the client and the OpenAI-compatible provider read
/// streams into it with `ServerSentEventParser`.
public struct ServerSentEvent: Sendable, Equatable {
    /// `message` when the frame had no `event:` line, as the SSE specification says.
    public var event: String
    public var data: String
    public var id: String?

    public init(event: String = "message", data: String, id: String? = nil) {
        self.event = event
        self.data = data
        self.id = id
    }

    /// The frame on the wire, ending with the blank line that dispatches it. Data with line breaks becomes several
    /// `data:` lines, so no text can end the frame early or forge another field.
    public var encoded: String {
        var frame = ""
        if let id { frame += "id: \(Self.singleLine(id))\n" }
        frame += "event: \(Self.singleLine(event))\n"
        for line in data.split(separator: "\n", omittingEmptySubsequences: false) {
            frame += "data: \(line.replacingOccurrences(of: "\r", with: ""))\n"
        }
        return frame + "\n"
    }

    private static func singleLine(_ text: String) -> String {
        String(text.unicodeScalars.filter { $0 != "\n" && $0 != "\r" })
    }
}
