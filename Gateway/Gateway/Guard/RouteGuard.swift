import Contracts
import Coordination
import HTTPTypes
import Hummingbird
import ServiceKit

/// The one place every request of the gateway passes before its handler, with the checks its `RouteTable` entry
/// declares: the client address (`TRUSTED_PROXIES`), authentication at the route's access level (token, revocation),
/// the failed-authentication budget of the client IP, the rate limit of the route's scope, the admin role. Routes are
/// registered only through `RouteGuard.register`, so a route cannot be added without its checks.
struct RouteGuard: Sendable {
    typealias Handler = @Sendable (Request, AppRequestContext) async throws -> Response

    let authenticator: GatewayAuthenticator
    let limiter: GatewayRateLimiter
    let trustedProxies: TrustedProxies

    /// - Parameter chargingFailures: false only for the WebSocket upgrade's first look (`EventWebSocket`): a refusal
    ///   there goes on to the main router, whose guard charges it.
    func respond(
        to request: Request, context: AppRequestContext, route: RouteDescriptor, chargingFailures: Bool = true, handler: Handler
    ) async throws -> Response {
        var context = context
        let peer = context.remoteAddress?.ipAddress
        let address = trustedProxies.isEmpty
            ? peer
            : trustedProxies.clientAddress(peer: peer, forwardedFor: request.headers[values: .xForwardedFor])
        context.clientAddress = address
        if route.access != .public {
            let client = address ?? "unknown"
            // An address whose budget of failures is spent is refused before its token costs a signature check.
            if let refusal = limiter.failedAuthenticationRefusal(address: client, context: context) { return refusal }
            switch try await authenticator.authenticate(route, request: request, context: context) {
            case .passed(let authenticated):
                context = authenticated
            case .failed(let error):
                guard chargingFailures else { throw error }
                if let refusal = await limiter.chargeFailedAuthentication(address: client, context: context) { return refusal }
                throw error
            }
        }
        guard let scope = GatewayRateLimiter.scope(for: route, context: context) else {
            return try await admitted(request, context: context, route: route, handler: handler)
        }
        return try await limiter.limit(scope, request: request, context: context) {
            try await admitted(request, context: context, route: route, handler: handler)
        }
    }

    /// What the checks decided for a request admitted without waiting (`quickAdmission`).
    struct QuickAdmission: Sendable {
        let caller: Caller?
        /// The rate limit's decision, for the RateLimit headers; nil on routes that are not limited.
        let decision: RateLimitDecision?
    }

    /// The same checks as `respond`, for the gateway's direct proxy path (`DirectProxyHandler`), answered from
    /// process memory only: a remembered token verification, the revocation cache, a rate-limit lease held here.
    /// Nil whenever a check would wait (a signature to verify, a Redis call) or refuse (no token, a bad one, a spent
    /// budget, a missing role): the request then goes through `respond`, which decides and answers it. So the
    /// checks are the same on both paths; the direct one only takes the requests all of them admit at once.
    func quickAdmission(to route: RouteDescriptor, headers: HTTPFields, peer: String?) -> QuickAdmission? {
        guard !route.acceptsTicket || headers[.authorization] != nil else { return nil }
        let address = trustedProxies.isEmpty ? peer : trustedProxies.clientAddress(peer: peer, forwardedFor: headers[values: .xForwardedFor])
        var caller: Caller?
        if route.access != .public {
            guard !limiter.isRefusingFailedAuthentications(address: address ?? "unknown"),
                  let value = headers[.authorization], let token = Request.bearerToken(in: value),
                  let known = authenticator.rememberedCaller(token: token) else { return nil }
            if route.access == .admin, !known.roles.contains(Role.admin) { return nil }
            caller = known
        }
        guard let scope = GatewayRateLimiter.scope(for: route, caller: caller, clientAddress: address) else {
            return QuickAdmission(caller: caller, decision: nil)
        }
        guard let decision = limiter.admitFromLease(scope) else { return nil }
        return QuickAdmission(caller: caller, decision: decision)
    }

    private func admitted(_ request: Request, context: AppRequestContext, route: RouteDescriptor, handler: Handler) async throws -> Response {
        if route.access == .admin, !(context.caller?.roles.contains(Role.admin) ?? false) {
            throw AppError(.forbidden, "This route needs the admin role.")
        }
        return try await handler(request, context)
    }

    /// Registers `route` on `router` behind this guard.
    func register(_ route: RouteDescriptor, on router: Router<AppRequestContext>, handler: @escaping Handler) {
        let method = HTTPRequest.Method(rawValue: route.method.rawValue)!
        router.on(RouterPath(Self.hummingbirdPath(route.path)), method: method) { request, context in
            try await respond(to: request, context: context, route: route, handler: handler)
        }
    }

    /// `/api/v1/projects/{id}/claim` → `/api/v1/projects/:id/claim`.
    static func hummingbirdPath(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            segment.hasPrefix("{") && segment.hasSuffix("}") ? ":" + segment.dropFirst().dropLast() : segment
        }.joined(separator: "/")
    }
}

extension HTTPField.Name {
    static let xForwardedFor = HTTPField.Name("X-Forwarded-For")!
}
