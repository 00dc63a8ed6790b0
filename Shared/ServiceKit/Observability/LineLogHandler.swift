#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Logging

/// The fleet's log handler: one line per event on standard output, in swift-log's `StreamLogHandler` format
/// (`2026-12-03T12:00:00+0000 info gateway: request_id=… user_id=… [Gateway] message`).
///
/// Unlike `StreamLogHandler`, which formats its metadata again every time a key is set, metadata is formatted only
/// when a line is written: every request sets `request_id` and `user_id` on its logger, most requests log nothing,
/// and that eager formatting was 3–4 % of the gateway's CPU per request (docs/benchmarks.md).
public struct LineLogHandler: LogHandler {
    public var logLevel: Logger.Level = .trace
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    private let label: String

    public init(label: String, metadataProvider: Logger.MetadataProvider? = nil) {
        self.label = label
        self.metadataProvider = metadataProvider
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(
        level: Logger.Level, message: Logger.Message, metadata explicit: Logger.Metadata?, source: String,
        file: String, function: String, line: UInt
    ) {
        Self.writeLine(self.line(level: level, message: message, metadata: explicit, source: source, timestamp: Self.timestamp()))
    }

    /// The line for an event: the handler's metadata, then the provider's, then the call's (later ones win), by key.
    func line(level: Logger.Level, message: Logger.Message, metadata explicit: Logger.Metadata?, source: String, timestamp: String) -> String {
        var all = metadata
        if let provided = metadataProvider?.get(), !provided.isEmpty { all.merge(provided) { _, new in new } }
        if let explicit, !explicit.isEmpty { all.merge(explicit) { _, new in new } }
        let pretty = all.isEmpty ? "" : " " + all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        return "\(timestamp) \(level) \(label):\(pretty) [\(source)] \(message)\n"
    }

    /// One `write(2)` per line, so lines of concurrent tasks never interleave (up to the pipe's atomic size).
    static func writeLine(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(STDOUT_FILENO, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += written
            }
        }
    }

    static func timestamp() -> String {
        var now = time(nil)
        var parts = tm()
        localtime_r(&now, &parts)
        var buffer = [CChar](repeating: 0, count: 32)
        let length = strftime(&buffer, buffer.count, "%Y-%m-%dT%H:%M:%S%z", &parts)
        return String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
