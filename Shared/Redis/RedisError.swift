/// Every failure the client reports. `kind` is what callers branch on; `description` is for logs.
public struct RedisError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The server answered with an error reply (`-ERR …`, `-WRONGTYPE …`, `-NOSCRIPT …`).
        case server(String)
        /// The connection closed while the command was in flight; it may or may not have run.
        case connectionClosed
        /// No connection could be made (refused, timed out, authentication rejected, client shut down).
        case connectionUnavailable(String)
        /// No reply within the command timeout; the connection was closed because later replies could no
        /// longer be matched to their commands.
        case timeout
        /// The byte stream was not valid RESP, or a command could not be encoded.
        case protocolError(String)
        case invalidURL(String)
    }

    public let kind: Kind

    public init(kind: Kind) {
        self.kind = kind
    }

    public static func server(_ message: String) -> RedisError { RedisError(kind: .server(message)) }
    public static let connectionClosed = RedisError(kind: .connectionClosed)
    public static func connectionUnavailable(_ reason: String) -> RedisError { RedisError(kind: .connectionUnavailable(reason)) }
    public static let timeout = RedisError(kind: .timeout)
    public static func protocolError(_ reason: String) -> RedisError { RedisError(kind: .protocolError(reason)) }
    public static func invalidURL(_ reason: String) -> RedisError { RedisError(kind: .invalidURL(reason)) }

    public var description: String {
        switch kind {
        case .server(let message): "Redis server error: \(message)"
        case .connectionClosed: "Redis connection closed before the reply arrived"
        case .connectionUnavailable(let reason): "Redis unavailable: \(reason)"
        case .timeout: "Redis command timed out"
        case .protocolError(let reason): "Redis protocol error: \(reason)"
        case .invalidURL(let reason): "Invalid Redis URL: \(reason)"
        }
    }
}
