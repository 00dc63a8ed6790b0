/// A message delivered to a subscribed connection.
public struct RedisPubSubMessage: Sendable, Equatable {
    public let channel: String
    /// The pattern that matched, for subscriptions made with a pattern.
    public let pattern: String?
    public let payload: [UInt8]

    public init(channel: String, pattern: String?, payload: [UInt8]) {
        self.channel = channel
        self.pattern = pattern
        self.payload = payload
    }

    public var string: String { String(decoding: payload, as: UTF8.self) }

    /// Recognises pushes by shape, because in RESP2 they arrive interleaved with ordinary replies and
    /// carry no other marker.
    init?(push reply: RESPValue) {
        guard case .array(let parts) = reply, let kind = parts.first?.string else { return nil }
        switch (kind, parts.count) {
        case ("message", 3):
            guard let channel = parts[1].string, let payload = parts[2].bytes else { return nil }
            self.init(channel: channel, pattern: nil, payload: payload)
        case ("pmessage", 4):
            guard let pattern = parts[1].string, let channel = parts[2].string, let payload = parts[3].bytes else { return nil }
            self.init(channel: channel, pattern: pattern, payload: payload)
        default:
            return nil
        }
    }
}
