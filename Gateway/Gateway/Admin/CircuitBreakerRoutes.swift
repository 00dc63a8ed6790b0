import Contracts
import Hummingbird
import Resilience
import ServiceKit

/// `GET /api/admin/circuit-breakers` and `POST /api/admin/circuit-breakers/{name}/reset`, for admins only.
struct CircuitBreakerRoutes: Sendable {
    let breakers: CircuitBreakerRegistry
    let authenticator: GatewayAuthenticator
    let limiter: GatewayRateLimiter

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/api/admin/circuit-breakers") { request, context in
            let context = try await authenticator.authenticate(.admin, request: request, context: context)
            return try await limiter.limit(GatewayRateLimiter.scope(for: nil, context: context), context: context) {
                try JSONBody(breakers.snapshots().map(Self.status)).response(from: request, context: context)
            }
        }
        router.post("/api/admin/circuit-breakers/:name/reset") { request, context in
            let context = try await authenticator.authenticate(.admin, request: request, context: context)
            return try await limiter.limit(GatewayRateLimiter.scope(for: nil, context: context), context: context) {
                let name = context.parameters.get("name") ?? ""
                guard breakers.reset(named: name) else { throw AppError.notFound("A circuit breaker named '\(name)'") }
                return Response(status: .noContent)
            }
        }
    }

    static func status(_ snapshot: CircuitBreakerSnapshot) -> CircuitBreakerStatus {
        let state: BreakerState = switch snapshot.state {
        case .closed: .closed
        case .open: .open
        case .halfOpen: .halfOpen
        }
        return CircuitBreakerStatus(name: snapshot.name, state: state, failureRate: snapshot.failureRate, calls: snapshot.calls, openedAt: snapshot.openedAt)
    }
}
