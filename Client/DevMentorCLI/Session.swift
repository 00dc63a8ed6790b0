import Contracts
import DevMentorClient
import Foundation

/// The stored login of `devmentor login`, used by every command that acts as the user. An access token lives
/// minutes (`JWT_ACCESS_TTL_SECONDS`); when the fleet answers `TOKEN_EXPIRED` the session trades its refresh token
/// for a new pair once, stores it, and repeats the call — so `events` can follow the feed for hours.
actor Session {
    let store: TokenStore
    private var token: AuthToken
    /// A refresh in flight: concurrent calls that all met the expiry wait for it rather than each spending the
    /// refresh token (presenting a spent one would revoke the whole session).
    private var renewal: Task<AuthToken, any Error>?

    init(store: TokenStore, token: AuthToken) {
        self.store = store
        self.token = token
        ErrorText.currentUser.withLock { $0 = token.caller.userId }
    }

    static func load() throws(AppError) -> Session {
        let store = TokenStore.fromEnvironment()
        return Session(store: store, token: try store.load())
    }

    var caller: Caller { token.caller }

    nonisolated var userId: UUID {
        get async { await caller.userId }
    }

    /// Runs `body` as the user; once more with fresh tokens when the access token has expired.
    nonisolated func run<T>(_ client: DevMentorClient, _ body: (Caller) async throws -> T) async throws -> T {
        let caller = await self.caller
        do {
            return try await body(caller)
        } catch let error as AppError where error.code == .tokenExpired {
            let renewed = try await renew(replacing: caller.bearerToken, with: client)
            return try await body(renewed)
        }
    }

    private func renew(replacing expired: String?, with client: DevMentorClient) async throws -> Caller {
        if token.accessToken != expired { return token.caller }
        if let renewal { return try await renewal.value.caller }
        let request = RefreshRequest(refreshToken: token.refreshToken)
        let task = Task { try await client.refreshToken(request) }
        renewal = task
        defer { renewal = nil }
        let fresh = try await task.value
        token = fresh
        try store.save(fresh)
        return fresh.caller
    }
}
