import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import ServiceLifecycle

/// HTTP/1.1 keep-alive connections to the upstreams, kept per event loop: a request is sent on a connection of the
/// loop that serves its client, so proxying never hops between threads, and a finished exchange puts its connection
/// back for the next request of that loop.
///
/// The gateway's hot path (every proxied request) runs here instead of through AsyncHTTPClient, whose general
/// machinery (redirects, pools shared across loops, per-request state machines and body streams) was most of the
/// gateway's CPU per request (docs/benchmarks.md). Health checks and the JWKS fetch still use AsyncHTTPClient.
final class UpstreamConnectionPool: Sendable {
    /// A connection unused for this long is closed rather than reused: services close idle connections after
    /// `IDLE_TIMEOUT_SECONDS` (30 s by default), and a request must not be sent on one the service is closing.
    static let idleTimeout = TimeAmount.seconds(10)
    /// Idle connections kept per loop and upstream; beyond that a finished connection is closed.
    static let maxIdlePerLoop = 64

    private let group: any EventLoopGroup
    private let connectTimeout: TimeAmount
    private let loops: [ObjectIdentifier: NIOLoopBoundBox<LoopConnections>]

    init(group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton, connectTimeout: TimeAmount) throws {
        self.group = group
        self.connectTimeout = connectTimeout
        let tls = try NIOSSLContext(configuration: .makeClientConfiguration())
        var loops: [ObjectIdentifier: NIOLoopBoundBox<LoopConnections>] = [:]
        for loop in group.makeIterator() {
            loops[ObjectIdentifier(loop)] = NIOLoopBoundBox.makeBoxSendingValue(
                LoopConnections(loop: loop, connectTimeout: connectTimeout, tls: tls), as: LoopConnections.self, eventLoop: loop
            )
        }
        self.loops = loops
    }

    /// Sends `head` (and `body`) to `upstream` on a connection of `preferred` (the client's loop) when it is one of
    /// this pool's loops, and returns the answer's head. Fails with `UpstreamCallError`.
    func execute(
        _ head: HTTPRequestHead, body: ByteBuffer?, to upstream: Upstream, on preferred: (any EventLoop)?, timeout: TimeAmount
    ) async throws -> UpstreamResponse {
        try await send(head, body: body, to: upstream, on: preferred, timeout: timeout).get()
    }

    /// `execute` without a task: the answer as a future of the loop that sent it (`preferred` when it is one of
    /// this pool's loops). The gateway's direct proxy path calls this from its channel handler.
    func send(
        _ head: HTTPRequestHead, body: ByteBuffer?, to upstream: Upstream, on preferred: (any EventLoop)?, timeout: TimeAmount
    ) -> EventLoopFuture<UpstreamResponse> {
        let connections = preferred.flatMap { loops[ObjectIdentifier($0)] } ?? loops[ObjectIdentifier(group.next())]!
        let loop = connections.eventLoop
        let promise = loop.makePromise(of: UpstreamResponse.self)
        if loop.inEventLoop {
            connections.value.send(head, body: body, to: upstream.address, timeout: timeout, promise: promise)
        } else {
            loop.execute { connections.value.send(head, body: body, to: upstream.address, timeout: timeout, promise: promise) }
        }
        return promise.futureResult
    }

    /// Closes every idle connection (at shutdown; connections in use close when their exchange ends).
    func closeIdle() async {
        await withTaskGroup(of: Void.self) { group in
            for connections in loops.values {
                group.addTask {
                    try? await connections.eventLoop.submit { connections.value.closeIdle() }.get()
                }
            }
        }
    }
}

/// The connections of one event loop, used only on that loop.
private final class LoopConnections {
    private struct Idle {
        let channel: any Channel
        let handler: UpstreamExchangeHandler
        let since: NIODeadline
    }

    private let loop: any EventLoop
    private let connectTimeout: TimeAmount
    private let tls: NIOSSLContext
    private var idle: [Upstream.Address: [Idle]] = [:]

    init(loop: any EventLoop, connectTimeout: TimeAmount, tls: NIOSSLContext) {
        self.loop = loop
        self.connectTimeout = connectTimeout
        self.tls = tls
    }

    func send(
        _ head: HTTPRequestHead, body: ByteBuffer?, to address: Upstream.Address, timeout: TimeAmount,
        promise: EventLoopPromise<UpstreamResponse>
    ) {
        let now = NIODeadline.now()
        while let connection = idle[address]?.popLast() {
            if connection.channel.isActive, connection.handler.isIdle, now - connection.since < UpstreamConnectionPool.idleTimeout {
                start(connection.channel, connection.handler, head, body: body, address: address, timeout: timeout, promise: promise)
                return
            }
            connection.channel.close(promise: nil)
        }
        let (loop, tls) = (self.loop, self.tls)
        ClientBootstrap(group: loop)
            .connectTimeout(connectTimeout)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if address.usesTLS {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: tls, serverHostname: address.serverName))
                    }
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    try channel.pipeline.syncOperations.addHandler(UpstreamExchangeHandler())
                }
            }
            .connect(host: address.host, port: address.port)
            .assumeIsolated()
            .whenComplete { result in
                switch result {
                case .success(let channel):
                    do {
                        let handler = try channel.pipeline.syncOperations.handler(type: UpstreamExchangeHandler.self)
                        self.start(channel, handler, head, body: body, address: address, timeout: timeout, promise: promise)
                    } catch {
                        channel.close(promise: nil)
                        promise.fail(UpstreamCallError.connectFailed(error))
                    }
                case .failure(let error):
                    promise.fail(UpstreamCallError.connectFailed(error))
                }
            }
    }

    private func start(
        _ channel: any Channel, _ handler: UpstreamExchangeHandler, _ head: HTTPRequestHead, body: ByteBuffer?,
        address: Upstream.Address, timeout: TimeAmount, promise: EventLoopPromise<UpstreamResponse>
    ) {
        handler.exchangeEnded = { [unowned self] reusable in
            guard reusable, self.idle[address, default: []].count < UpstreamConnectionPool.maxIdlePerLoop else {
                channel.close(promise: nil)
                return
            }
            self.idle[address, default: []].append(Idle(channel: channel, handler: handler, since: .now()))
        }
        handler.start(head, body: body, timeout: timeout, promise: promise)
    }

    func closeIdle() {
        for connections in idle.values {
            for connection in connections { connection.channel.close(promise: nil) }
        }
        idle = [:]
    }
}

/// Closes the pool's idle connections when the gateway shuts down.
struct UpstreamConnectionPoolService: Service {
    let pool: UpstreamConnectionPool

    func run() async throws {
        try? await gracefulShutdown()
        await pool.closeIdle()
    }
}
