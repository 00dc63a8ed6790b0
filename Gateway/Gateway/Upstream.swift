import Foundation

/// A service behind the gateway.
public struct Upstream: Sendable, Equatable {
    public var name: String
    public var baseURL: URL

    public init(name: String, baseURL: URL) {
        self.name = name
        self.baseURL = baseURL
    }

    /// The fleet's services: name, the variable holding its URL, default port.
    public static let known: [(name: String, variable: String, port: Int)] = [
        ("auth", "AUTH_URL", 8081),
        ("projects", "PROJECTS_URL", 8082),
        ("ai-gateway", "AI_GATEWAY_URL", 8083),
        ("learning", "LEARNING_URL", 8084),
        ("memory", "MEMORY_URL", 8085),
    ]
}
