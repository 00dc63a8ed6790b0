import Contracts
import Dispatch
import Foundation
import HTTPTypes
import Logging
import NIOCore
import NIOHTTP1
import NIOHTTPTypes
import Resilience
import ServiceKit

/// One connection's direct proxy path (see `DirectProxy`), between Hummingbird's connection-state handler and the
/// router's channel. A request head that the route table, the request's headers, the breaker and every check of
/// `RouteGuard.quickAdmission` admit at once is taken here: its body (≤ 64 KiB) collected, sent on an upstream
/// connection of this loop, the answer written back with the headers the general path would give it (request id,
/// RateLimit-*, Server). Any other head, and everything after it until the router has answered, passes through.
///
/// Order on the connection is kept: while a taken request is being answered, later requests wait here (queued as
/// decoded, and no more is read once one waits); while the router has requests, everything goes to the router. A taken
/// request that cannot be sent after all (the connect failed, the breaker opened, the body stopped arriving) is
/// handed to the router whole, which then decides it as if it had come straight there; one already sent that fails
/// is answered here as the general path would answer it (503, 504).
final class DirectProxyHandler: ChannelDuplexHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// A request taken by the direct path.
    private struct Exchange: Sendable {
        let head: HTTPRequest
        let route: RouteDescriptor
        let upstream: Upstream
        let admission: RouteGuard.QuickAdmission
        let requestId: String
        /// `DispatchTime` nanoseconds at the head, for the request metrics.
        let start: UInt64
        var body: ByteBuffer?
        var ended = false
    }

    private enum State {
        case idle
        /// A taken request's body is arriving.
        case collecting(Exchange)
        /// A taken request is with its upstream, or its answer is being written.
        case answering
        /// The router has a request of this connection it has not finished answering (or reading).
        case general
    }

    private enum Held {
        case part(HTTPRequestPart)
        case error(any Error)
    }

    private let shared: DirectProxy
    private var state = State.idle
    /// Heads passed to the router whose answers have not ended yet.
    private var generalAnswersOwed = 0
    /// A request passed to the router whose end has not been passed yet.
    private var generalRequestOpen = false
    private var held = CircularBuffer<Held>()
    private var readHeld = false
    private var peer: String??

    init(shared: DirectProxy) {
        self.shared = shared
    }

    // MARK: inbound

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let part = unwrapInboundIn(data)
        if case .answering = state {
            held.append(.part(part))
            return
        }
        process(part, context: context)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        switch state {
        case .answering:
            held.append(.error(error))
        case .collecting(let exchange):
            // The body stopped arriving (the body deadline) or broke: the router answers it as it would have.
            handBack(exchange, context: context)
            context.fireErrorCaught(error)
        case .idle, .general:
            context.fireErrorCaught(error)
        }
    }

    /// A client gone while its taken request's body was arriving: the request is dropped (it was never sent), and
    /// no longer counted as active. One being answered is finished by its answer (whose writes then fail).
    func channelInactive(context: ChannelHandlerContext) {
        if case .collecting(let exchange) = state {
            shared.requestMetrics.active(exchange.head.method).decrement()
            state = .idle
        }
        context.fireChannelInactive()
    }

    /// Takes, collects or passes on one part. Returns whether anything went to the router.
    @discardableResult
    private func process(_ part: HTTPRequestPart, context: ChannelHandlerContext) -> Bool {
        switch state {
        case .answering:
            held.append(.part(part))
            return false
        case .general:
            pass(part, context: context)
            return true
        case .collecting(var exchange):
            state = .answering  // not .collecting while the body is appended: the buffer is not copied
            switch part {
            case .head:
                // A new head before the end (the decoder does not produce this): the router sorts it out.
                handBack(exchange, context: context)
                pass(part, context: context)
                return true
            case .body(let chunk):
                if exchange.body == nil {
                    exchange.body = chunk
                } else {
                    exchange.body!.writeImmutableBuffer(chunk)
                }
                guard exchange.body!.readableBytes <= DirectProxy.maxBodyBytes else {
                    handBack(exchange, context: context)
                    return true
                }
                state = .collecting(exchange)
                return false
            case .end:
                exchange.ended = true
                return send(exchange, context: context)
            }
        case .idle:
            if case .head(let head) = part, let exchange = take(head, context: context) {
                state = .collecting(exchange)
                return false
            }
            pass(part, context: context)
            return true
        }
    }

    /// Passes one part to the router.
    private func pass(_ part: HTTPRequestPart, context: ChannelHandlerContext) {
        switch part {
        case .head:
            generalAnswersOwed += 1
            generalRequestOpen = true
        case .body:
            break
        case .end:
            generalRequestOpen = false
        }
        state = .general
        context.fireChannelRead(wrapInboundOut(part))
        if generalAnswersOwed == 0 && !generalRequestOpen { state = .idle }
    }

    /// Gives a taken request to the router, as it arrived so far, and whatever waited behind it.
    private func handBack(_ exchange: Exchange, context: ChannelHandlerContext) {
        shared.handedBack.increment()
        shared.requestMetrics.active(exchange.head.method).decrement()  // the router counts it from here
        state = .idle
        pass(.head(exchange.head), context: context)
        if let body = exchange.body { pass(.body(body), context: context) }
        if exchange.ended { pass(.end(nil), context: context) }
        // The router's channel delivers what it was given at a read-complete; this may be outside a read.
        context.fireChannelReadComplete()
        resume(context)
    }

    /// The exchange for `head` if the direct path takes it: a proxied route, a plain request (no upgrade, no
    /// `Expect`, no chunked or large body, no event stream asked for), a closed breaker, and every check admitting.
    private func take(_ head: HTTPRequest, context: ChannelHandlerContext) -> Exchange? {
        guard let path = head.path, let (route, upstream) = shared.routes.match(method: head.method, path: path) else { return nil }
        let fields = head.headerFields
        guard fields[.upgrade] == nil, fields[.expect] == nil, fields[.transferEncoding] == nil else { return nil }
        if let connection = fields[.connection], connection.lowercased() != "keep-alive" { return nil }
        if let accept = fields[.accept], accept.contains("text/event-stream") { return nil }
        if let length = fields[.contentLength] {
            guard let bytes = Int(length), bytes >= 0, bytes <= DirectProxy.maxBodyBytes else { return nil }
        }
        guard shared.proxy.breakers.breaker(named: upstream.service.rawValue).state == .closed else { return nil }
        guard let admission = shared.routeGuard.quickAdmission(to: route, headers: fields, peer: peerAddress(context)) else {
            return nil
        }
        shared.requestMetrics.active(head.method).increment()
        return Exchange(
            head: head, route: route, upstream: upstream, admission: admission,
            requestId: RequestIDMiddleware.acceptable(fields[.xRequestID]) ?? UUID.random().lowercasedString,
            start: DispatchTime.now().uptimeNanoseconds
        )
    }

    private func peerAddress(_ context: ChannelHandlerContext) -> String? {
        if let peer { return peer }
        let address = context.channel.remoteAddress?.ipAddress
        peer = .some(address)
        return address
    }

    // MARK: the upstream exchange

    /// Sends a taken request. Returns whether it went to the router instead (the breaker opened meanwhile).
    private func send(_ exchange: Exchange, context: ChannelHandlerContext) -> Bool {
        let upstream = exchange.upstream
        let breaker = shared.proxy.breakers.breaker(named: upstream.service.rawValue)
        let permission: CircuitBreakerPermission
        do {
            permission = try breaker.acquirePermission()
        } catch {
            handBack(exchange, context: context)
            return true
        }
        state = .answering
        let head = exchange.head
        let outbound = HTTPRequestHead(
            version: .http1_1, method: HTTPMethod(rawValue: head.method.rawValue), uri: upstream.target(forPath: head.path ?? "/"),
            headers: ReverseProxy.upstreamHeaders(
                head.headerFields, authority: head.authority, bodyLength: exchange.body?.readableBytes ?? 0, upstream: upstream,
                caller: exchange.admission.caller, requestId: exchange.requestId, peer: peerAddress(context)
            )
        )
        let started = ContinuousClock.now
        shared.proxy.connections.send(outbound, body: exchange.body, to: upstream, on: context.eventLoop, timeout: shared.proxy.readTimeout)
            .hop(to: context.eventLoop)
            .assumeIsolated()
            .whenComplete { result in
                self.upstreamAnswered(result, exchange: exchange, breaker: breaker, permission: permission, started: started, context: context)
            }
        return false
    }

    private func upstreamAnswered(
        _ result: Result<UpstreamResponse, any Error>, exchange: Exchange, breaker: CircuitBreaker,
        permission: CircuitBreakerPermission, started: ContinuousClock.Instant, context: ChannelHandlerContext
    ) {
        let upstream = exchange.upstream
        let elapsed = ContinuousClock.now - started
        switch result {
        case .success(let response):
            let code = Int(response.head.status.code)
            breaker.record(ReverseProxy.outcome(ofStatus: code), for: permission, duration: elapsed)
            shared.proxy.metrics.answered(upstream, status: code, duration: elapsed)
            var (status, headers) = ReverseProxy.clientHead(of: response.head)
            switch response.body {
            case .whole(let body):
                headers[.contentLength] = String(body.readableBytes)
                answer(status, headers, body: body, exchange: exchange, context: context)
            case .stream(let stream):
                context.writeAndFlush(wrapOutboundOut(.head(responseHead(status, headers, exchange: exchange))), promise: nil)
                relay(stream, status: status, exchange: exchange, context: context)
            }
        case .failure(UpstreamCallError.readTimeout):
            breaker.record(.failure, for: permission, duration: elapsed)
            shared.proxy.metrics.failed(upstream, reason: "timeout")
            answer(ReverseProxy.timedOut(upstream), exchange: exchange, context: context)
        case .failure(let error):
            let connectFailed = if case UpstreamCallError.connectFailed = error { true } else { false }
            if connectFailed || ReverseProxy.idempotentMethods.contains(exchange.head.method) {
                // Nothing reached the service, or trying again is safe: the router's proxy makes its own attempts
                // (with its retry budget) and records them; this one is not counted twice.
                breaker.record(.ignored, for: permission)
                handBack(exchange, context: context)
                return
            }
            breaker.record(.failure, for: permission, duration: elapsed)
            shared.proxy.metrics.failed(upstream, reason: "unreachable")
            shared.logger.warning(
                "upstream unreachable",
                metadata: ["upstream": "\(upstream.name)", "error": "\(error)", "hb.request.id": "\(exchange.requestId)"]
            )
            answer(ReverseProxy.unavailable(upstream), exchange: exchange, context: context)
        }
    }

    /// The head of an answer with the headers the general path adds: the request id, RateLimit-*, Server.
    private func responseHead(_ status: HTTPResponse.Status, _ headers: HTTPFields, exchange: Exchange) -> HTTPResponse {
        var headers = headers
        if let decision = exchange.admission.decision { headers.append(contentsOf: GatewayRateLimiter.headers(for: decision)) }
        headers[.xRequestID] = exchange.requestId
        headers[.server] = shared.serverName
        return HTTPResponse(status: status, headerFields: headers)
    }

    private func answer(
        _ status: HTTPResponse.Status, _ headers: HTTPFields, body: ByteBuffer, exchange: Exchange, context: ChannelHandlerContext
    ) {
        context.write(wrapOutboundOut(.head(responseHead(status, headers, exchange: exchange))), promise: nil)
        if body.readableBytes > 0 { context.write(wrapOutboundOut(.body(body)), promise: nil) }
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        finish(status, exchange: exchange, context: context)
    }

    /// An error as the general path renders it (the error body, with the RateLimit headers of the request).
    private func answer(_ error: AppError, exchange: Exchange, context: ChannelHandlerContext) {
        var (status, headers, body) = ErrorResponse.parts(error, requestId: exchange.requestId)
        headers[.contentLength] = String(body.readableBytes)
        answer(status, headers, body: body, exchange: exchange, context: context)
    }

    /// Writes a streamed answer's body as it arrives, each chunk flushed (an event stream is not held back), the
    /// next read from the upstream waiting for the client to take the last write. An upstream that breaks off, or
    /// a client that goes, closes the client connection, as on the general path.
    private func relay(_ stream: UpstreamBodyStream, status: HTTPResponse.Status, exchange: Exchange, context: ChannelHandlerContext) {
        let loop = context.eventLoop
        let bound = NIOLoopBound((handler: self, context: context), eventLoop: loop)
        Task {
            var complete = true
            do {
                for try await chunk in stream {
                    try await loop.flatSubmit { bound.value.context.writeAndFlush(NIOAny(HTTPResponsePart.body(chunk))) }.get()
                }
            } catch {
                complete = false
            }
            let ended = complete
            loop.execute {
                let (handler, context) = bound.value
                if ended {
                    context.writeAndFlush(NIOAny(HTTPResponsePart.end(nil)), promise: nil)
                } else {
                    context.close(promise: nil)
                }
                handler.finish(status, exchange: exchange, context: context)
            }
        }
    }

    /// The taken request is answered: metrics and the access log line as the router's middleware would write
    /// them, then the connection's next request.
    private func finish(_ status: HTTPResponse.Status, exchange: Exchange, context: ChannelHandlerContext) {
        let method = exchange.head.method
        shared.requestMetrics.recordAnswer(route: exchange.route.path, method: method, status: status, start: exchange.start)
        shared.requestMetrics.active(method).decrement()
        shared.answered.increment()
        if shared.logger.logLevel <= .info {
            var logger = shared.logger
            logger[metadataKey: "hb.request.id"] = .string(exchange.requestId)
            if let caller = exchange.admission.caller { logger[metadataKey: "user_id"] = .string(caller.userId.lowercasedString) }
            let path = exchange.head.path.map { $0.split(separator: "?", maxSplits: 1).first.map(String.init) ?? $0 } ?? "/"
            let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - exchange.start) / 1e6
            AccessLogMiddleware.log(logger, method: method, path: path, status: status, milliseconds: milliseconds, extra: ["proxy": "direct"])
        }
        state = .idle
        resume(context)
    }

    /// Back to idle: lets reads go on and takes the parts that waited, in order.
    private func resume(_ context: ChannelHandlerContext) {
        if readHeld {
            readHeld = false
            context.read()
        }
        var passed = false
        while !held.isEmpty {
            if case .answering = state { break }
            switch held.removeFirst() {
            case .part(let part):
                passed = process(part, context: context) || passed
            case .error(let error):
                errorCaught(context: context, error: error)
            }
        }
        if passed { context.fireChannelReadComplete() }
    }

    // MARK: outbound

    /// Reads go on while a taken request is answered — a client waiting for its answer sends nothing, and holding
    /// the read would cost two `epoll_ctl` calls per request — until a part has had to wait: a client that pipelines
    /// is then read no further until its answers catch up, so what waits here stays bounded.
    func read(context: ChannelHandlerContext) {
        if case .answering = state, !held.isEmpty {
            readHeld = true
            return
        }
        context.read()
    }

    /// The router's answers pass here; the end of the last one owed frees the connection for the direct path.
    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard case .end = unwrapOutboundIn(data) else {
            context.write(data, promise: promise)
            return
        }
        generalAnswersOwed = max(0, generalAnswersOwed - 1)
        context.write(data, promise: promise)
        if case .general = state, generalAnswersOwed == 0, !generalRequestOpen { state = .idle }
    }
}
