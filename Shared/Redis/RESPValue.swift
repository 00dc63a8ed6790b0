/// One Redis reply, copied out of hiredis' reply tree so it can cross tasks freely.
public enum RESPValue: Sendable, Equatable, Hashable {
    case simpleString(String)
    case error(String)
    case integer(Int64)
    /// Binary safe: bulk strings may hold any bytes, NUL included.
    case bulkString([UInt8])
    /// A null bulk string or null array (RESP2 does not distinguish them once parsed by hiredis).
    case null
    case array([RESPValue])
}

extension RESPValue {
    /// Simple or bulk string as text. Bytes that are not valid UTF-8 are replaced with U+FFFD rather than
    /// yielding nil, so that nil keeps meaning "not a string reply" (e.g. a missing key).
    public var string: String? {
        switch self {
        case .simpleString(let text): text
        case .bulkString(let bytes): String(decoding: bytes, as: UTF8.self)
        default: nil
        }
    }

    /// An integer reply, or a string reply holding a decimal integer (Redis returns counters read with GET
    /// as bulk strings).
    public var int: Int64? {
        switch self {
        case .integer(let value): value
        case .simpleString(let text): Int64(text)
        case .bulkString(let bytes): Int64(String(decoding: bytes, as: UTF8.self))
        default: nil
        }
    }

    public var bytes: [UInt8]? {
        switch self {
        case .bulkString(let bytes): bytes
        case .simpleString(let text): Array(text.utf8)
        default: nil
        }
    }

    public var array: [RESPValue]? {
        if case .array(let elements) = self { elements } else { nil }
    }

    public var isNull: Bool {
        if case .null = self { true } else { false }
    }

    /// The message of an error reply.
    public var errorMessage: String? {
        if case .error(let message) = self { message } else { nil }
    }
}

extension RESPValue: CustomStringConvertible {
    public var description: String {
        switch self {
        case .simpleString(let text): "+\(text)"
        case .error(let message): "-\(message)"
        case .integer(let value): ":\(value)"
        case .bulkString(let bytes): "$\(String(decoding: bytes, as: UTF8.self).debugDescription)"
        case .null: "(nil)"
        case .array(let elements): "[\(elements.map(\.description).joined(separator: ", "))]"
        }
    }
}
