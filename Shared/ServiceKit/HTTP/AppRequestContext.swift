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

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress
    }

    public var maxUploadSize: Int { HTTPLimits.maxBodyBytes }

    /// The authenticated caller, or 401 when the route was reached without one.
    public func requireCaller() throws(AppError) -> Caller {
        guard let caller else { throw AppError.unauthorized }
        return caller
    }
}
