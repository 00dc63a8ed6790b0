import Contracts
import Foundation

/// A service behind the gateway.
public struct Upstream: Sendable, Equatable {
    /// The process name (`ai-gateway`), used in logs, metrics and breaker names.
    public var name: String
    /// The route-table service it serves (`ai`).
    public var service: ServiceName
    public var baseURL: URL {
        didSet { base = Self.normalised(baseURL) }
    }
    /// `baseURL` without trailing slashes, made once: every request's URL is this plus the request's path.
    public private(set) var base: String

    public init(name: String, service: ServiceName, baseURL: URL) {
        self.name = name
        self.service = service
        self.baseURL = baseURL
        self.base = Self.normalised(baseURL)
    }

    /// The upstream URL of a path (with its query) such as `/api/v1/auth/me?x=1`.
    public func url(forPath path: String) -> String { base + path }

    static func normalised(_ url: URL) -> String {
        var text = url.absoluteString
        while text.hasSuffix("/") { text.removeLast() }
        return text
    }

    /// The fleet's services behind the gateway, in route-table order (`ServiceName`'s defaults).
    public static let known: [ServiceName] = [.auth, .projects, .ai, .learning, .memory]
}
