import Contracts
import Hummingbird
import Resilience
import ServiceKit

/// The handlers of `GET /api/admin/circuit-breakers` and `POST /api/admin/circuit-breakers/{name}/reset`. The admin
/// check is `RouteGuard`'s, from the routes' `admin` access in the route table.
struct CircuitBreakerRoutes: Sendable {
    let breakers: CircuitBreakerRegistry

    func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        try JSONBody(breakers.snapshots().map(Self.status)).response(from: request, context: context)
    }

    func reset(_ request: Request, context: AppRequestContext) async throws -> Response {
        let name = context.parameters.get("name") ?? ""
        guard breakers.reset(named: name) else { throw AppError.notFound("A circuit breaker named '\(name)'") }
        return Response(status: .noContent)
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
