import AsyncHTTPClient
import Contracts
import Foundation
import NIOCore
import ServiceKit

/// `GET /health` of the gateway: every upstream's `/ready`, asked concurrently through ServiceKit's readiness probe
/// (2 s each). An upstream that answers `/ready` with anything but 200 is `degraded` (it runs, a dependency of its
/// does not); one that cannot be reached is `down`. The report is `ok` only when all are, and 503 when one is down.
struct ServiceHealth: Sendable {
    let client: HTTPClient
    let upstreams: [Upstream]

    /// A `/ready` that answered, but not with 200.
    struct NotReady: Error {}

    func check() async -> HealthReport {
        let checks = upstreams.map { upstream in
            ReadinessCheck(name: upstream.service.rawValue) {
                let response: HTTPClientResponse
                do {
                    response = try await client.execute(HTTPClientRequest(url: upstream.url(forPath: "/ready")), timeout: .seconds(2))
                } catch {
                    throw error
                }
                _ = try? await response.body.collect(upTo: 64 * 1024)
                guard response.status == .ok else { throw NotReady() }
            }
        }
        let report = await ReadinessProbe.run(checks, classify: { $0 is NotReady ? "degraded" : "down" })
        return HealthReport(services: report.checks.mapValues { HealthState(rawValue: $0) ?? .down })
    }
}
