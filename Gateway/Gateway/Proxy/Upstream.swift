import Contracts
import Foundation

/// A service behind the gateway.
public struct Upstream: Sendable, Equatable {
    /// The process name (`ai-gateway`), used in logs, metrics and breaker names.
    public var name: String
    /// The route-table service it serves (`ai`).
    public var service: ServiceName
    public var baseURL: URL

    public init(name: String, service: ServiceName, baseURL: URL) {
        self.name = name
        self.service = service
        self.baseURL = baseURL
    }

    /// The fleet's services: route-table service, process name, the variable holding its URL, default port.
    public static let known: [(service: ServiceName, name: String, variable: String, port: Int)] = [
        (.auth, "auth", "AUTH_URL", 8081),
        (.projects, "projects", "PROJECTS_URL", 8082),
        (.ai, "ai-gateway", "AI_GATEWAY_URL", 8083),
        (.learning, "learning", "LEARNING_URL", 8084),
        (.memory, "memory", "MEMORY_URL", 8085),
    ]
}
