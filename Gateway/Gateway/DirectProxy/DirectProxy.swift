import HummingbirdCore
import Logging
import Metrics
import NIOCore
import NIOHTTPTypes
import ServiceKit

/// The gateway's direct proxy path: proxied requests that every check admits at once are forwarded from the
/// connection's channel handler (`DirectProxyHandler`) instead of going through the router, without a task per
/// request. Everything else — the gateway's own routes, a request any check would make wait or refuse, streams the
/// client asked for, bodies over 64 KiB — goes the general way, through Hummingbird's router and `RouteGuard.respond`.
///
/// Why: the general path's per-request async machinery (task switches, the task allocator, the executor queue,
/// the responder chain's existentials) was most of the gateway's CPU per proxied request, well above nginx's
/// (docs/benchmarks.md). The checks are not duplicated: both paths ask `RouteGuard`, the direct one through
/// `quickAdmission`, which admits only from memory (`GATEWAY_DIRECT_PROXY=false` turns the path off).
final class DirectProxy: Sendable {
    let routes: DirectProxyRoutes
    let routeGuard: RouteGuard
    let proxy: ReverseProxy
    /// The `Server` header Hummingbird puts on the general path's answers.
    let serverName: String
    let logger: Logger
    let requestMetrics = RequestMetricsCache()
    /// Requests answered on the direct path, and requests it handed to the router after taking them (a failed
    /// connect, a breaker that opened meanwhile, a body that stopped arriving).
    let answered = Counter(label: "gateway_direct_proxy_requests")
    let handedBack = Counter(label: "gateway_direct_proxy_handbacks")

    /// Request bodies up to this size (announced by Content-Length) are collected here; larger ones go the general way.
    static let maxBodyBytes = 64 * 1024

    init(routes: DirectProxyRoutes, routeGuard: RouteGuard, proxy: ReverseProxy, serverName: String, logger: Logger) {
        self.routes = routes
        self.routeGuard = routeGuard
        self.proxy = proxy
        self.serverName = serverName
        self.logger = logger
    }

    /// The handler to add among the server channel's `additionalChannelHandlers`.
    func installer() -> DirectProxyInstaller { DirectProxyInstaller(shared: self) }
}

/// Puts a connection's `DirectProxyHandler` in place when its first request arrives, right after Hummingbird's
/// `HTTPConnectionStateHandler` — so that handler still sees every request and answer of the connection (idle
/// timeout, closing after the last answer on shutdown). Hummingbird places additional handlers before it, and it is
/// not in the pipeline yet when they are added; at the first request the pipeline is complete.
final class DirectProxyInstaller: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart

    private let shared: DirectProxy
    private var installed = false

    init(shared: DirectProxy) {
        self.shared = shared
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if !installed {
            installed = true
            let pipeline = context.pipeline.syncOperations
            do {
                let state = try pipeline.context(handlerType: HTTPConnectionStateHandler.self)
                try pipeline.addHandler(DirectProxyHandler(shared: shared), position: .after(state.handler))
            } catch {
                shared.logger.debug("direct proxy path not installed on a connection", metadata: ["error": "\(error)"])
            }
        }
        context.fireChannelRead(data)
    }
}
