import Foundation
import ServiceKit

/// The gateway's configuration: where it listens and where each upstream service is.
public struct GatewaySettings: Sendable {
    public var service: ServiceSettings
    public var upstreams: [Upstream]
    /// Time allowed to open a connection to an upstream before answering 503.
    public var connectTimeoutMilliseconds: Int
    /// Time allowed for an upstream's answer before answering 504.
    public var readTimeoutSeconds: Int

    public static let defaultPort = 8080

    public init(environment env: EnvironmentReader = EnvironmentReader()) throws(ConfigError) {
        service = try ServiceSettings(name: "gateway", defaultPort: Self.defaultPort, environment: env)
        var upstreams: [Upstream] = []
        for (name, variable, port) in Upstream.known {
            upstreams.append(Upstream(name: name, baseURL: try env.url(variable, default: "http://127.0.0.1:\(port)", schemes: ["http", "https"])))
        }
        self.upstreams = upstreams
        connectTimeoutMilliseconds = try env.int("UPSTREAM_CONNECT_TIMEOUT_MS", default: 1000, range: 10...60_000)
        readTimeoutSeconds = try env.int("UPSTREAM_READ_TIMEOUT_SECONDS", default: 30, range: 1...600)
    }

    public init(service: ServiceSettings, upstreams: [Upstream], connectTimeoutMilliseconds: Int = 1000, readTimeoutSeconds: Int = 30) {
        self.service = service
        self.upstreams = upstreams
        self.connectTimeoutMilliseconds = connectTimeoutMilliseconds
        self.readTimeoutSeconds = readTimeoutSeconds
    }

    public func upstream(named name: String) -> Upstream? { upstreams.first { $0.name == name } }
}
