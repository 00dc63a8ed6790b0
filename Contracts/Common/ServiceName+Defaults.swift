import Foundation

extension ServiceName {
    /// The one table of where each process listens by default, what it is called, and the variable other processes
    /// find it by. Services take their default port from here, the gateway its upstreams.
    public var defaultPort: Int {
        switch self {
        case .gateway: 8080
        case .auth: 8081
        case .projects: 8082
        case .ai: 8083
        case .learning: 8084
        case .memory: 8085
        }
    }

    /// The executable's name (`ai-gateway`), used in logs, metrics and breaker names.
    public var processName: String {
        switch self {
        case .ai: "ai-gateway"
        default: rawValue
        }
    }

    /// The environment variable holding the service's base URL (`AI_GATEWAY_URL`).
    public var urlVariable: String {
        processName.uppercased().replacingOccurrences(of: "-", with: "_") + "_URL"
    }

    /// `http://127.0.0.1:<defaultPort>`.
    public var defaultURL: String { "http://127.0.0.1:\(defaultPort)" }
}
