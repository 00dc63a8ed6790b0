import Foundation

/// `POST /api/v1/events/ticket`: a one-time credential for a browser's `EventSource` or `WebSocket`, which cannot
/// send an `Authorization` header. Accepted once, within `expiresAt`, as `?ticket=` by `GET /api/v1/events` and
/// `GET /api/v1/ws` only (docs/console.md, "Tickets").
public struct EventTicket: Codable, Sendable, Equatable {
    /// 32 random bytes, base64url without padding (43 characters).
    public var ticket: String
    public var expiresAt: Date

    public init(ticket: String, expiresAt: Date) {
        self.ticket = ticket
        self.expiresAt = expiresAt
    }
}

public enum EventTicketRules {
    /// How long a ticket stays redeemable: long enough for a page to open its connection, too short to be worth stealing.
    public static let lifetimeSeconds = 10
    /// The query parameter of `GET /api/v1/events` and `GET /api/v1/ws` that carries it.
    public static let queryParameter = "ticket"
    /// The shape of a ticket: base64url, 43 characters (nothing else is looked up in Redis).
    public static func isWellFormed(_ value: String) -> Bool {
        value.utf8.count == 43 && value.utf8.allSatisfy { byte in
            (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D || byte == 0x5F
        }
    }
}
