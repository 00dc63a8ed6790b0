import Foundation

/// The processes of the fleet. The raw value is the route-table service name, the event `source` and the
/// `<source>` of the `events:<source>` stream.
public enum ServiceName: String, Codable, Sendable, CaseIterable {
    case auth
    case projects
    case ai
    case learning
    case memory
    case gateway
}
