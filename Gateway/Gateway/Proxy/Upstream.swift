import Contracts
import Foundation
import NIOCore

/// A service behind the gateway.
public struct Upstream: Sendable, Equatable {
    /// The process name (`ai-gateway`), used in logs, metrics and breaker names.
    public var name: String
    /// The route-table service it serves (`ai`).
    public var service: ServiceName
    public var baseURL: URL {
        didSet { (base, address, pathPrefix) = Self.parts(of: baseURL) }
    }
    /// `baseURL` without trailing slashes, made once: every request's URL is this plus the request's path.
    public private(set) var base: String
    /// Where the gateway's connections to it go (`baseURL`'s host and port; 80, or 443 for https, when it names none).
    public private(set) var address: Address
    /// `baseURL`'s path without trailing slashes (usually empty): it goes before every request's path.
    public private(set) var pathPrefix: String

    /// A host and port to connect to.
    public struct Address: Sendable, Hashable, CustomStringConvertible {
        public var host: String
        public var port: Int
        /// `https` upstreams: the connection speaks TLS, verified against the system's trust roots and `host`.
        public var usesTLS: Bool
        public var description: String { "\(host):\(port)" }
        /// The name TLS sends (SNI) and verifies: the host, unless it is an IP address (which SNI cannot carry).
        var serverName: String? { (try? SocketAddress(ipAddress: host, port: 0)) == nil ? host : nil }
        /// The `Host` header's value for requests to it.
        public var hostHeader: String { port == (usesTLS ? 443 : 80) ? host : description }
    }

    public init(name: String, service: ServiceName, baseURL: URL) {
        self.name = name
        self.service = service
        self.baseURL = baseURL
        (base, address, pathPrefix) = Self.parts(of: baseURL)
    }

    /// The upstream URL of a path (with its query) such as `/api/v1/auth/me?x=1`.
    public func url(forPath path: String) -> String { base + path }

    /// The request target on the upstream for a path (with its query) of the gateway.
    public func target(forPath path: String) -> String { pathPrefix.isEmpty ? path : pathPrefix + path }

    static func parts(of url: URL) -> (base: String, address: Address, pathPrefix: String) {
        var prefix = url.path
        let tls = url.scheme?.lowercased() == "https"
        while prefix.hasSuffix("/") { prefix.removeLast() }
        return (normalised(url), Address(host: url.host ?? "127.0.0.1", port: url.port ?? (tls ? 443 : 80), usesTLS: tls), prefix)
    }

    static func normalised(_ url: URL) -> String {
        var text = url.absoluteString
        while text.hasSuffix("/") { text.removeLast() }
        return text
    }

    /// The fleet's services behind the gateway, in route-table order (`ServiceName`'s defaults).
    public static let known: [ServiceName] = [.auth, .projects, .ai, .learning, .memory]
}
