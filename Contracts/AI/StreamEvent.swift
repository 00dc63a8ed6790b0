import Foundation

/// One event of `GET /api/v1/ai/conversations/{id}/stream`: `token` events, then one `done`.
///
/// On the wire each is an SSE frame whose `event:` line is `name` and whose `data:` line is this value's JSON,
/// `{"type":"token","text":"…"}` or `{"type":"done","tokens":n}`, so a reader that ignores `event:` still knows.
public enum StreamEvent: Codable, Sendable, Equatable {
    /// The next piece of the answer's text.
    case token(String)
    /// The answer is complete; `tokens` is how many `token` events preceded it.
    case done(tokens: Int)

    /// The SSE `event:` name.
    public var name: String {
        switch self {
        case .token: "token"
        case .done: "done"
        }
    }

    private enum CodingKeys: String, CodingKey {
        case type, text, tokens
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let type = try container.decode(String.self, forKey: .type)
        switch type {
        case "token": self = .token(try container.decode(String.self, forKey: .text))
        case "done": self = .done(tokens: try container.decode(Int.self, forKey: .tokens))
        default:
            throw DecodingError.dataCorruptedError(forKey: .type, in: container, debugDescription: "Unknown stream event type \(type).")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .type)
        switch self {
        case .token(let text): try container.encode(text, forKey: .text)
        case .done(let tokens): try container.encode(tokens, forKey: .tokens)
        }
    }
}
