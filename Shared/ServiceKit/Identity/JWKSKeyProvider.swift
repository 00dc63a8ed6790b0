import AsyncHTTPClient
import Contracts
import Foundation
import JWTKit
import Logging
import NIOCore
import Synchronization

/// Verifies access tokens with the keys auth publishes at `/.well-known/jwks.json`, fetched and cached here.
///
/// Verification never waits on the network while the cached keys know the token's `kid`. A token signed with a key
/// the cache does not know (auth rotated its key) triggers one refetch, at most once per `minimumRefetchInterval`
/// however many such tokens arrive — a rotation costs one fetch, not a burst of 401s, and a flood of tokens with
/// made-up `kid`s costs at most one fetch per interval.
public final class JWKSKeyProvider: Sendable {
    public let url: String
    let client: HTTPClient
    let issuer: String
    let audience: String
    let leeway: TimeInterval
    let minimumRefetchInterval: Duration
    /// Keys are refetched in the background of a request once they are this old, so retired keys drop out.
    let maximumAge: Duration
    let logger: Logger

    private struct State {
        var verifier: AccessTokenVerifier?
        /// Bumped whenever a fetch brings a different set of keys; cached verifications of older sets are ignored.
        var generation = 0
        var fetchedAt: ContinuousClock.Instant?
        var lastAttempt: ContinuousClock.Instant?
    }

    private let state = Mutex(State())
    private let verified = VerifiedTokenCache()
    private let fetcher = SingleFlight()

    public init(
        url: String, client: HTTPClient, issuer: String = TokenDefaults.issuer, audience: String = TokenDefaults.audience,
        leeway: TimeInterval = 5, minimumRefetchInterval: Duration = .seconds(5), maximumAge: Duration = .seconds(600), logger: Logger
    ) {
        self.url = url
        self.client = client
        self.issuer = issuer
        self.audience = audience
        self.leeway = leeway
        self.minimumRefetchInterval = minimumRefetchInterval
        self.maximumAge = maximumAge
        self.logger = logger
    }

    /// The provider for the auth service at `authURL`: its keys at `<authURL>/.well-known/jwks.json`.
    public convenience init(authURL: URL, client: HTTPClient, tokens: TokenSettings, logger: Logger) {
        var base = authURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        self.init(url: base + "/.well-known/jwks.json", client: client, issuer: tokens.issuer, audience: tokens.audience, logger: logger)
    }

    /// Verifies `token`. Throws `TokenRejection` for a bad token, `AppError(.serviceUnavailable)` when no keys could
    /// be had at all (a token cannot be judged without them).
    public func verify(_ token: String) async throws -> VerifiedAccessToken {
        let generation = state.withLock { $0.generation }
        return try await verified.verified(token, generation: generation, leeway: leeway) { try await verifyUncached(token) }
    }

    /// `token`'s verification if it is remembered from an earlier `verify` under the current keys, else nil — a
    /// look-up that never waits (the gateway's direct proxy path asks it; a miss goes the general way).
    public func rememberedVerification(of token: String) -> VerifiedAccessToken? {
        let generation = state.withLock { $0.generation }
        return verified.lookup(token, generation: generation)
    }

    private func verifyUncached(_ token: String) async throws -> VerifiedAccessToken {
        let (cached, age) = state.withLock { ($0.verifier, $0.fetchedAt.map { ContinuousClock.now - $0 }) }
        guard let cached, let age else {
            guard let fresh = try await refresh(force: true) else {
                throw AppError(.serviceUnavailable, "Token keys are not available yet; try again shortly.")
            }
            return try await fresh.verify(token)
        }
        if age > maximumAge { _ = try? await refresh(force: false) }
        do {
            return try await cached.verify(token)
        } catch let rejection where rejection.reason == .unknownKey {
            guard let fresh = try? await refresh(force: false), fresh.keyIds != cached.keyIds else { throw rejection }
            return try await fresh.verify(token)
        }
    }

    /// Fetches the key set unless one was fetched less than `minimumRefetchInterval` ago (or `force`). Concurrent
    /// callers share one fetch. Returns the verifier in use afterwards.
    @discardableResult
    public func refresh(force: Bool) async throws -> AccessTokenVerifier? {
        let now = ContinuousClock.now
        let recent = state.withLock { state -> AccessTokenVerifier?? in
            if !force, let last = state.lastAttempt, now - last < minimumRefetchInterval { return .some(state.verifier) }
            return .none
        }
        if let recent { return recent }
        return try await fetcher.run {
            self.state.withLock { $0.lastAttempt = .now }
            do {
                let verifier = try await self.fetch()
                self.state.withLock {
                    if $0.verifier?.keyIds != verifier.keyIds { $0.generation += 1 }
                    $0.verifier = verifier
                    $0.fetchedAt = .now
                }
                return verifier
            } catch {
                self.logger.warning("could not fetch JWKS", metadata: ["url": "\(self.url)", "error": "\(error)"])
                return self.state.withLock { $0.verifier }
            }
        }
    }

    private func fetch() async throws -> AccessTokenVerifier {
        let response = try await client.execute(HTTPClientRequest(url: url), timeout: .seconds(3))
        let body = try await response.body.collect(upTo: 256 * 1024)
        guard response.status == .ok else { throw AppError(.serviceUnavailable, "JWKS answered \(response.status.code).") }
        let data = Data(buffer: body)
        let set = try JSONDecoder().decode(JWKSet.self, from: data)
        let keys = JWTKeyCollection()
        for key in set.keys where key.alg == AccessTokenVerifier.algorithm && key.kty == "OKP" && key.crv == "Ed25519" {
            await keys.add(eddsa: try EdDSA.PublicKey(x: key.x, curve: .ed25519), kid: JWKIdentifier(string: key.kid))
        }
        let ids = Set(set.keys.filter { $0.alg == AccessTokenVerifier.algorithm }.map(\.kid))
        logger.debug("fetched JWKS", metadata: ["kids": "\(ids.sorted())"])
        return AccessTokenVerifier(keys: keys, keyIds: ids, issuer: issuer, audience: audience, leeway: leeway)
    }
}

/// Runs one operation at a time; callers arriving while it runs wait for that run's result instead of starting their own.
actor SingleFlight {
    private var inFlight: Task<AccessTokenVerifier?, any Error>?

    func run(_ operation: @escaping @Sendable () async throws -> AccessTokenVerifier?) async throws -> AccessTokenVerifier? {
        if let inFlight { return try await inFlight.value }
        let task = Task { try await operation() }
        inFlight = task
        defer { inFlight = nil }
        return try await task.value
    }
}
