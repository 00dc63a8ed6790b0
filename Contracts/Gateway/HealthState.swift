import Foundation

/// The health of the fleet (`ok` or `degraded`) or of one service (`ok`, `degraded`, `down`) in `GET /health`.
public enum HealthState: String, Codable, Sendable, CaseIterable {
    case ok
    case degraded
    case down
}
