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
    let failedAuthentications = Counter(label: "gateway_failed_authentications")
    let failedAuthenticationRejections = Counter(label: "gateway_failed_authentication_rejected")

    enum Scope: Sendable, Equatable {
        case user(UUID)
        case ip(String)
        case credentials(String)
        /// Requests from this address whose authentication failed (forged, expired, revoked or missing tokens).
        case failedAuthentication(String)
    }

    func subjectAndPolicy(_ scope: Scope) -> (String, RateLimitPolicy) {
        switch scope {
        case .user(let id): ("user:\(id.lowercasedString)", settings.perUser)
        case .ip(let address): ("ip:\(address)", settings.perIP)
        case .credentials(let address): ("credentials:\(address)", settings.credentials)
        case .failedAuthentication(let address): ("authfail:\(address)", settings.failedAuthentication)
        }
    }

    /// The decision for this request; throws nothing — a limiter failure never fails a request.
    func decide(_ scope: Scope) async -> RateLimitDecision? {
        let (subject, policy) = subjectAndPolicy(scope)
        do {
            return try await shared.check(subject, policy: policy)
        } catch {
            failOpen.increment()
            logger.warning("rate limiter unavailable; limiting in process", metadata: ["error": "\(error)"])
            return try? local.check(subject, policy: policy)
        }
    }

    /// The scope a request to `route` is charged to: its user when authenticated, else its client address (with the
    /// credentials budget on login and registration). Nil for routes that are not limited.
    static func scope(for route: RouteDescriptor, context: AppRequestContext) -> Scope? {
        scope(for: route, caller: context.caller, clientAddress: context.clientAddress)
    }

    static func scope(for route: RouteDescriptor, caller: Caller?, clientAddress: String?) -> Scope? {
        if let caller { return .user(caller.userId) }
        let address = clientAddress ?? "unknown"
        switch route.rateLimit {
        case .none: return nil
        case .standard: return .ip(address)
        case .credentials: return .credentials(address)
        }
    }

    /// A refusal of this address's failed-authentication budget still in force, known locally (no Redis call): the
    /// guard answers it before spending a signature check on the token.
    func failedAuthenticationRefusal(address: String, context: AppRequestContext) -> Response? {
        let (subject, policy) = subjectAndPolicy(.failedAuthentication(address))
        guard let refusal = shared.rememberedRefusal(for: subject, policy: policy) else { return nil }
        failedAuthenticationRejections.increment()
        return refusalResponse(refusal, context: context, message: "Too many requests with invalid credentials from this address")
    }

    /// The decision for `scope` from a lease held in this process, or nil when deciding needs Redis (or refuses):
    /// the direct proxy path's question; nil sends the request the general way, through `limit`.
    func admitFromLease(_ scope: Scope) -> RateLimitDecision? {
        let (subject, policy) = subjectAndPolicy(scope)
        return shared.admitFromLease(subject, policy: policy)
    }

    /// Whether `address`'s failed-authentication budget is known to be spent (nothing counted, nothing answered).
    func isRefusingFailedAuthentications(address: String) -> Bool {
        let (subject, policy) = subjectAndPolicy(.failedAuthentication(address))
        return shared.rememberedRefusal(for: subject, policy: policy) != nil
    }

    /// Charges one failed authentication to `address`: the 429 to answer when its budget is spent, else nil (the
    /// caller answers the 401).
    func chargeFailedAuthentication(address: String, context: AppRequestContext) async -> Response? {
        failedAuthentications.increment()
        guard let decision = await decide(.failedAuthentication(address)), !decision.allowed else { return nil }
        failedAuthenticationRejections.increment()
        return refusalResponse(decision, context: context, message: "Too many requests with invalid credentials from this address")
    }

    /// Runs `next` when the request is within its limit, adding the RateLimit headers to its answer — an error it
    /// throws (403, 503, 504…) is rendered here so that it carries them too; answers 429 RATE_LIMITED with
    /// `Retry-After` otherwise.
    func limit(
        _ scope: Scope, request: Request, context: AppRequestContext, _ next: () async throws -> Response
    ) async throws -> Response {
        guard let decision = await decide(scope) else { return try await next() }
        guard decision.allowed else {
            rejected.increment()
            return refusalResponse(decision, context: context, message: "Too many requests")
        }
        var response: Response
        do {
            response = try await next()
        } catch {
            let appError = AppErrorMapping.appError(for: error, request: request)
            // Unexpected failures go on to the error middleware, which logs them once.
            guard appError.code != .internal else { throw error }
            context.logger.debug("request rejected", metadata: ["code": "\(appError.code.rawValue)", "message": "\(appError.message)"])
            response = ErrorResponse.make(appError, requestId: context.requestId)
        }
        response.headers.append(contentsOf: Self.headers(for: decision))
        return response
    }

    func refusalResponse(_ decision: RateLimitDecision, context: AppRequestContext, message: String) -> Response {
        var headers = Self.headers(for: decision)
        let seconds = Self.seconds(decision.retryAfter)
        headers[.retryAfter] = String(seconds)
        return ErrorResponse.make(
            AppError(.rateLimited, "\(message); retry in \(seconds) s.", details: ["retryAfter": .number(Double(seconds))]),
            requestId: context.requestId, headers: headers
        )
    }

    static let limitHeader = HTTPField.Name("RateLimit-Limit")!
    static let remainingHeader = HTTPField.Name("RateLimit-Remaining")!
    static let resetHeader = HTTPField.Name("RateLimit-Reset")!

    static func headers(for decision: RateLimitDecision) -> HTTPFields {
        [
            limitHeader: String(decision.limit),
            remainingHeader: String(max(0, decision.remaining)),
            resetHeader: String(seconds(decision.resetAfter)),
        ]
    }

    /// Whole seconds, rounded up: a client waiting that long is never early.
    static func seconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return Int(seconds) + (attoseconds > 0 ? 1 : 0)
    }
}
