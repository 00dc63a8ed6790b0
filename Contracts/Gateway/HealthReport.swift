import Foundation

/// `GET /health` → `{"status": "ok"|"degraded", "services": {"auth": "ok", …}}`, 503 when a service is down.
public struct HealthReport: Codable, Sendable, Equatable {
    public var status: HealthState
    /// Keyed by `ServiceName` raw value.
    public var services: [String: HealthState]

    public init(status: HealthState, services: [String: HealthState]) {
        self.status = status
        self.services = services
    }

    /// The report for these per-service states: `ok` only when every one is `ok`.
    public init(services: [String: HealthState]) {
        let allOK = services.values.allSatisfy { $0 == .ok }
        self.init(status: allOK ? .ok : .degraded, services: services)
    }

    /// 503 when a service is down, 200 otherwise (a degraded service still answers).
    public var httpStatus: Int {
        services.values.contains(.down) ? 503 : 200
    }
}
