/// A misuse of the outbox API (as opposed to a database or Redis failure, which surface as their own errors).
public struct OutboxError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }

    static func invalidSchema(_ schema: String) -> OutboxError {
        OutboxError("outbox schema must be a lowercase SQL identifier (got '\(schema)')")
    }
}
