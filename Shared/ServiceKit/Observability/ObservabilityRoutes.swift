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
        get("/metrics") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: Observability.registry.emitToBuffer()))
            )
        }
    }
}

public enum ReadinessProbe {
    /// Runs every check concurrently, each cut off after `timeout`.
    public static func run(_ checks: [ReadinessCheck], timeout: Duration = .seconds(2)) async -> ReadinessReport {
        let results = await withTaskGroup(of: (String, String).self) { group in
            for check in checks {
                group.addTask {
                    do {
                        try await withTimeout(timeout) { try await check.check() }
                        return (check.name, "ok")
                    } catch {
                        return (check.name, "down")
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
