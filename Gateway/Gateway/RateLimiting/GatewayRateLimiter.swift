import Contracts
import Coordination
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Metrics
import ServiceKit

/// Applies the gateway's limits with the shared GCRA limiter in Redis, so every gateway replica counts against the
/// same budget (busy subjects through local leases: `LeasingRateLimiter`); falls back to `LocalRateLimiter` (and
/// counts `gateway_ratelimit_fail_open`) when Redis fails.
struct GatewayRateLimiter: Sendable {
    let shared: LeasingRateLimiter
    let local = LocalRateLimiter()
    let settings: RateLimitSettings
    let logger: Logger
    let failOpen = Counter(label: "gateway_ratelimit_fail_open")
    let rejected = Counter(label: "gateway_ratelimit_rejected")

    enum Scope { case user(UUID), ip(String), credentials(String) }

    /// The decision for this request; throws nothing — a limiter failure never fails a request.
    func decide(_ scope: Scope) async -> RateLimitDecision? {
        let (subject, policy): (String, RateLimitPolicy)
        switch scope {
        case .user(let id): (subject, policy) = ("user:\(id.uuidString.lowercased())", settings.perUser)
        case .ip(let address): (subject, policy) = ("ip:\(address)", settings.perIP)
        case .credentials(let address): (subject, policy) = ("credentials:\(address)", settings.credentials)
        }
        do {
            return try await shared.check(subject, policy: policy)
        } catch {
            failOpen.increment()
            logger.warning("rate limiter unavailable; limiting in process", metadata: ["error": "\(error)"])
            return try? local.check(subject, policy: policy)
        }
    }

    /// The scope of a request: its user when authenticated, else its client address.
    static func scope(for route: RouteDescriptor?, context: AppRequestContext) -> Scope {
        if let caller = context.caller { return .user(caller.userId) }
        let address = context.remoteAddress?.ipAddress ?? "unknown"
        if let route, route.service == .auth, route.path.hasSuffix("/login") || route.path.hasSuffix("/register") {
            return .credentials(address)
        }
        return .ip(address)
    }

    /// Runs `next` when the request is within its limit, adding the RateLimit headers to its answer; answers
    /// 429 RATE_LIMITED with `Retry-After` otherwise.
    func limit(
        _ scope: Scope, context: AppRequestContext, _ next: () async throws -> Response
    ) async throws -> Response {
        guard let decision = await decide(scope) else { return try await next() }
        let headers = Self.headers(for: decision)
        guard decision.allowed else {
            rejected.increment()
            var extra = headers
            extra[.retryAfter] = String(Self.seconds(decision.retryAfter))
            return ErrorResponse.make(
                AppError(.rateLimited, "Too many requests; retry in \(Self.seconds(decision.retryAfter)) s.",
                         details: ["retryAfter": .number(Double(Self.seconds(decision.retryAfter)))]),
                requestId: context.requestId, headers: extra
            )
        }
        var response = try await next()
        response.headers.append(contentsOf: headers)
        return response
    }

    static func headers(for decision: RateLimitDecision) -> HTTPFields {
        [
            HTTPField.Name("RateLimit-Limit")!: String(decision.limit),
            HTTPField.Name("RateLimit-Remaining")!: String(max(0, decision.remaining)),
            HTTPField.Name("RateLimit-Reset")!: String(seconds(decision.resetAfter)),
        ]
    }

    /// Whole seconds, rounded up: a client waiting that long is never early.
    static func seconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return Int(seconds) + (attoseconds > 0 ? 1 : 0)
    }
}
