import Foundation
import ServiceKit
import Synchronization

/// The gateway's in-memory copy of what auth has revoked, so checking a token costs no Redis round trip.
/// Entries carry the instant after which they no longer matter (the revoked tokens have expired by then) and are
/// swept as the cache is written.
public final class RevocationCache: Sendable {
    private struct Entries {
        var tokens: [UUID: Date] = [:]
        var sessions: [UUID: Date] = [:]
        var writesSinceSweep = 0
    }

    private let entries = Mutex(Entries())

    public init() {}

    public func isRevoked(tokenId: UUID, sessionId: UUID, now: Date = Date()) -> Bool {
        entries.withLock { entries in
            if let until = entries.tokens[tokenId], until > now { return true }
            if let until = entries.sessions[sessionId], until > now { return true }
            return false
        }
    }

    public func record(_ notice: RevocationNotice, now: Date = Date()) {
        entries.withLock { entries in
            switch notice.kind {
            case .token: entries.tokens[notice.id] = max(entries.tokens[notice.id] ?? notice.expiresAt, notice.expiresAt)
            case .session: entries.sessions[notice.id] = max(entries.sessions[notice.id] ?? notice.expiresAt, notice.expiresAt)
            }
            entries.writesSinceSweep += 1
            if entries.writesSinceSweep >= 1024 {
                entries.tokens = entries.tokens.filter { $0.value > now }
                entries.sessions = entries.sessions.filter { $0.value > now }
                entries.writesSinceSweep = 0
            }
        }
    }

    public var count: Int { entries.withLock { $0.tokens.count + $0.sessions.count } }
}
