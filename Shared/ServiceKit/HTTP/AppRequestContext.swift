import Contracts
import HTTPTypes
import Hummingbird
import NIOCore

/// The request context of every DevMentor HTTP server: Hummingbird's core storage plus the request id and, once
/// authenticated, the caller.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by `RequestIDMiddleware` before anything else runs.
    public var requestId: String = ""
    /// Set by the service's authentication step on routes that need a caller.
    public var caller: Caller?
    /// The peer of the connection (the gateway uses it for X-Forwarded-For and per-IP limits).
    public let remoteAddress: SocketAddress?
    /// The event loop of the client's connection: the gateway sends the upstream request on a connection of the same loop.
    public let eventLoop: any EventLoop
    /// The client's address as the gateway established it: the peer, or behind a trusted proxy the address that
    /// proxy reports (`TRUSTED_PROXIES`). Nil until the gateway's guard sets it; per-IP limits use it.
    public var clientAddress: String?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress
        self.eventLoop = source.channel.eventLoop
    }

    public var maxUploadSize: Int { HTTPLimits.maxBodyBytes }

    /// The one step from a verified token to an authenticated request: the caller into the context (and from there
    /// into handlers and identity headers), the user id into every log line of the request.
    public mutating func authenticate(as verified: VerifiedAccessToken, bearerToken: String) {
        caller = verified.caller(bearerToken: bearerToken)
        logger[metadataKey: "user_id"] = .string(verified.userId.lowercasedString)
    }

    /// The authenticated caller, or 401 when the route was reached without one.
    public func requireCaller() throws(AppError) -> Caller {
        guard let caller else { throw AppError.unauthorized }
        return caller
    }
}
