/// One argument of a command, held as raw bytes so keys and values are binary safe.
public struct RedisArgument: Sendable, Hashable {
    public let bytes: [UInt8]

    public init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    public static func string(_ value: String) -> RedisArgument { RedisArgument(bytes: Array(value.utf8)) }
    public static func bytes(_ value: [UInt8]) -> RedisArgument { RedisArgument(bytes: value) }
    public static func int(_ value: Int) -> RedisArgument { .string(String(value)) }
    public static func int64(_ value: Int64) -> RedisArgument { .string(String(value)) }
    /// Redis parses floats from their decimal text; `description` round-trips a Double exactly.
    public static func double(_ value: Double) -> RedisArgument { .string(value.description) }
}

extension RedisArgument: ExpressibleByStringLiteral, ExpressibleByStringInterpolation {
    public init(stringLiteral value: String) {
        self.bytes = Array(value.utf8)
    }
}

extension RedisArgument: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) {
        self.bytes = Array(String(value).utf8)
    }
}

extension RedisArgument: CustomStringConvertible {
    public var description: String { String(decoding: bytes, as: UTF8.self) }
}
