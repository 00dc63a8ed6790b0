import Contracts
import Crypto
import Foundation
import Redis
import ServiceKit

/// One-time tickets for browsers' `EventSource` and `WebSocket`, which cannot send `Authorization`
/// (docs/console.md, "Tickets"). `POST /api/v1/events/ticket` issues one for the verified caller; `?ticket=` on a route
/// whose table entry `acceptsTicket` (the two event feeds, nothing else) redeems it.
///
/// - Redis holds `gateway:events-ticket:<sha256 of the ticket>` → the caller (user, session, token id, roles) for
///   `EventTicketRules.lifetimeSeconds`; the ticket itself is never stored, so reading Redis does not yield one.
/// - Redemption is `GETDEL`: one atomic step, so a ticket opens one connection, however many race for it (every
///   gateway replica shares the key).
/// - The token and session it was issued from are checked against the revocation cache again at redemption, so a
///   ticket dies with its session.
struct EventTickets: Sendable {
    let redis: RedisClient
    let revocations: RevocationCache

    /// What a ticket stands for.
    struct Holder: Codable, Sendable, Equatable {
        var userId: UUID
        var sessionId: UUID
        var tokenId: UUID
        var roles: [String]
    }

    static func key(for ticket: String) -> String {
        let digest = SHA256.hash(data: Data(ticket.utf8))
        return "gateway:events-ticket:" + digest.map { String(format: "%02x", $0) }.joined()
    }

    func issue(for holder: Holder, now: Date = Date()) async throws -> EventTicket {
        var bytes = [UInt8](repeating: 0, count: 32)
        var generator = SystemRandomNumberGenerator()
        for index in bytes.indices { bytes[index] = generator.next() }
        let ticket = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        let value = try SharedCoders.encoder.encode(holder)
        do {
            _ = try await redis.send("SET", [
                .string(Self.key(for: ticket)), .bytes(Array(value)), "EX", .int(EventTicketRules.lifetimeSeconds), "NX",
            ])
        } catch {
            throw AppError(.serviceUnavailable, "Tickets cannot be issued right now; retry later.")
        }
        let expiresAt = Date(timeIntervalSince1970: (now.timeIntervalSince1970 + Double(EventTicketRules.lifetimeSeconds)).rounded(.down))
        return EventTicket(ticket: ticket, expiresAt: expiresAt)
    }

    /// The caller a ticket stands for, spending it; nil when it is malformed, unknown, spent, expired or its session
    /// or token has been revoked since.
    func redeem(_ ticket: String) async throws -> Holder? {
        guard EventTicketRules.isWellFormed(ticket) else { return nil }
        let reply: RESPValue
        do {
            reply = try await redis.send("GETDEL", [.string(Self.key(for: ticket))])
        } catch {
            throw AppError(.serviceUnavailable, "Tickets cannot be checked right now; retry later.")
        }
        guard let bytes = reply.bytes, let holder = try? SharedCoders.decoder.decode(Holder.self, from: Data(bytes)) else { return nil }
        guard !revocations.isRevoked(tokenId: holder.tokenId, sessionId: holder.sessionId) else { return nil }
        return holder
    }
}
