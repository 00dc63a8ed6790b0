import Contracts
import Foundation
import Gateway
import Resilience
import Testing
import TestSupport

@Suite("Gateway: circuit breakers and their admin routes")
struct GatewayCircuitBreakerTests {
    static let quick = CircuitBreakerConfiguration(
        slidingWindow: .seconds(30), failureRateThreshold: 0.5, minimumCalls: 4, openDuration: .seconds(1), halfOpenProbes: 2
    )

    @Test func aFailingUpstreamOpensTheBreakerWhichAnswersWithoutCallingItThenRecovers() async throws {
        // The breaker's time is a manual clock: the open duration passes when the test says so, not by sleeping.
        let clock = ManualClock()
        try await GatewayFixture.run(breaker: Self.quick, clock: clock) { gateway in
            let token = try await gateway.signIn()
            let path = "/api/v1/projects/\(UUID())"
            gateway.echo.setFailing(true)
            for _ in 0..<4 {
                #expect(try await gateway.send(.PATCH, path, token: token.accessToken).status == 500)
            }
            let callsWhenOpened = gateway.echo.requests
            #expect(callsWhenOpened == 4)

            // Open: answered by the gateway alone, fast, with Retry-After — the upstream sees nothing.
            for _ in 0..<5 {
                let start = ContinuousClock.now
                let result = try await gateway.send(.PATCH, path, token: token.accessToken)
                #expect(result.status == 503)
                #expect(gateway.errorCode(result.body) == "SERVICE_UNAVAILABLE")
                #expect(result.headers.contains { $0.0.lowercased() == "retry-after" })
                // Far below the upstream read timeout (10 s): nobody waited on the upstream.
                #expect(ContinuousClock.now - start < .seconds(5))
            }
            #expect(gateway.echo.requests == callsWhenOpened)

            // The upstream recovers; after the open duration the probes go through and close the breaker.
            gateway.echo.setFailing(false)
            #expect(try await gateway.send(.PATCH, path, token: token.accessToken).status == 503)
            clock.advance(by: .milliseconds(1100))
            #expect(try await gateway.send(.PATCH, path, token: token.accessToken).status == 200)
            #expect(try await gateway.send(.PATCH, path, token: token.accessToken).status == 200)
            let admin = try await gateway.signIn(admin: true)
            let breakers = try await gateway.send(.GET, "/api/admin/circuit-breakers", token: admin.accessToken)
            #expect(breakers.status == 200)
            let statuses = try JSONCoding.makeDecoder().decode([CircuitBreakerStatus].self, from: Data(breakers.body.utf8))
            #expect(statuses.first { $0.name == "projects" }?.state == .closed)
            #expect(statuses.first { $0.name == "projects" }?.openedAt != nil)
        }
    }

    @Test func adminRoutesNeedTheAdminRoleAndResetWorks() async throws {
        try await GatewayFixture.run(breaker: Self.quick) { gateway in
            let user = try await gateway.signIn()
            let denied = try await gateway.send(.GET, "/api/admin/circuit-breakers", token: user.accessToken)
            #expect(denied.status == 403)
            #expect(gateway.errorCode(denied.body) == "FORBIDDEN")
            #expect(try await gateway.send(.GET, "/api/admin/circuit-breakers").status == 401)

            // Open the projects breaker, then reset it by hand.
            gateway.echo.setFailing(true)
            for _ in 0..<4 { _ = try await gateway.send(.DELETE, "/api/v1/projects/\(UUID())", token: user.accessToken) }
            let admin = try await gateway.signIn(admin: true)
            let listed = try JSONCoding.makeDecoder().decode(
                [CircuitBreakerStatus].self,
                from: Data(try await gateway.send(.GET, "/api/admin/circuit-breakers", token: admin.accessToken).body.utf8)
            )
            let projects = try #require(listed.first { $0.name == "projects" })
            #expect(projects.state == .open)
            #expect(projects.failureRate == 1.0)
            #expect(Set(listed.map(\.name)) == Set(Upstream.known.map(\.rawValue)))

            #expect(try await gateway.send(.POST, "/api/admin/circuit-breakers/projects/reset", token: user.accessToken).status == 403)
            #expect(try await gateway.send(.POST, "/api/admin/circuit-breakers/projects/reset", token: admin.accessToken).status == 204)
            #expect(try await gateway.send(.POST, "/api/admin/circuit-breakers/nonexistent/reset", token: admin.accessToken).status == 404)
            gateway.echo.setFailing(false)
            #expect(try await gateway.send(.GET, "/api/v1/projects/\(UUID())", token: user.accessToken).status == 200)
        }
    }

    @Test func breakerStateIsAPrometheusGauge() async throws {
        try await GatewayFixture.run(breaker: Self.quick) { gateway in
            let metrics = try await gateway.send(.GET, "/metrics")
            #expect(metrics.status == 200)
            #expect(metrics.body.contains("gateway_circuit_breaker_state{upstream=\"projects\"}"))
        }
    }
}
