import Contracts
import Foundation
import HTTPTypes
import Hummingbird

/// A dependency `/ready` checks: Redis, Postgres, an upstream. `check` throws when it is not usable.
public struct ReadinessCheck: Sendable {
    public var name: String
    public var check: @Sendable () async throws -> Void

    public init(name: String, check: @escaping @Sendable () async throws -> Void) {
        self.name = name
        self.check = check
    }
}

/// `{"status": "ok"|"degraded", "checks": {"redis": "ok", …}}`
public struct ReadinessReport: Codable, Sendable, Equatable {
    public var status: String
    public var checks: [String: String]
}

extension Router where Context == AppRequestContext {
    /// `GET /health` (alive), `GET /ready` (every check answers within 2 s), `GET /metrics` (Prometheus text).
    public func addObservabilityRoutes(service: String, readiness: [ReadinessCheck]) {
        get("/health") { _, _ in
            JSONBody(["status": "ok", "service": service])
        }
        addReadinessRoute(readiness)
        addMetricsRoute()
    }

    public func addReadinessRoute(_ readiness: [ReadinessCheck]) {
        get("/ready") { _, _ in
            let report = await ReadinessProbe.run(readiness)
            return JSONBody(report, status: report.status == "ok" ? .ok : .serviceUnavailable)
        }
    }

    public func addMetricsRoute() {
        get("/metrics") { _, _ in Observability.metricsResponse() }
    }
}

extension Observability {
    /// The Prometheus text exposition of this process's metrics.
    public static func metricsResponse() -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer()))
        )
    }
}

public enum ReadinessProbe {
    /// Runs every check concurrently, each cut off after `timeout`. A check that throws is named by `classify`
    /// (`down` by default; the gateway tells a service that answered "not ready" from one that did not answer).
    public static func run(
        _ checks: [ReadinessCheck], timeout: Duration = .seconds(2), classify: @escaping @Sendable (any Error) -> String = { _ in "down" }
    ) async -> ReadinessReport {
        let results = await withTaskGroup(of: (String, String).self) { group in
            for check in checks {
                group.addTask {
                    do {
                        try await withTimeout(timeout) { try await check.check() }
                        return (check.name, "ok")
                    } catch {
                        return (check.name, classify(error))
                    }
                }
            }
            var results: [String: String] = [:]
            for await (name, state) in group { results[name] = state }
            return results
        }
        let healthy = results.values.allSatisfy { $0 == "ok" }
        return ReadinessReport(status: healthy ? "ok" : "degraded", checks: results)
    }
}
