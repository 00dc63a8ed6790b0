import NIOCore
import NIOHTTP1

/// The last handler of an upstream connection's pipeline (after NIO's HTTP/1 client codec): runs one exchange at a
/// time — writes the request, turns the answer into an `UpstreamResponse` — and says when the connection is free again.
///
/// Everything here runs on the connection's event loop. A small answer of known length (`wholeAnswerLimit`) is
/// collected and handed over whole; any other is handed over at its head as an `UpstreamBodyStream`. A read timeout
/// runs from the request until the answer ends, restarted by every read, so a stream that heartbeats stays open.
final class UpstreamExchangeHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundIn = HTTPClientRequestPart
    typealias OutboundOut = HTTPClientRequestPart

    /// Answers up to this size with a Content-Length are collected and go out with their head in one write.
    static let wholeAnswerLimit = 64 * 1024

    private enum State {
        case idle
        case awaitingHead(EventLoopPromise<UpstreamResponse>)
        case collecting(HTTPResponseHead, ByteBuffer, EventLoopPromise<UpstreamResponse>)
        case streaming(UpstreamBodyStream.Producer.Source)
        case closed
    }

    private var state = State.idle
    private var context: ChannelHandlerContext?
    private var keepAlive = true
    /// The reader of a stream has enough buffered: the next socket read waits for `readerWantsMore`.
    private var readerIsFull = false
    private var readIsPending = false
    private var readTimeout = TimeAmount.seconds(30)
    private var deadline = NIODeadline.distantFuture
    private var timer: Scheduled<Void>?
    /// Counts exchanges, so a stream's late signals (its reader finishing after the answer ended) reach only its own.
    private var exchange = 0
    /// Called when an exchange has ended: `true` when the connection can carry another one.
    var exchangeEnded: ((Bool) -> Void)?

    var isIdle: Bool {
        if case .idle = state { return true }
        return false
    }

    func handlerAdded(context: ChannelHandlerContext) { self.context = context }

    func handlerRemoved(context: ChannelHandlerContext) { self.context = nil }

    /// Sends a request; `promise` gets the answer's head (and, for a small answer, its body). Only when idle.
    func start(_ head: HTTPRequestHead, body: ByteBuffer?, timeout: TimeAmount, promise: EventLoopPromise<UpstreamResponse>) {
        guard let context, isIdle else {
            promise.fail(UpstreamCallError.connectionLost(ChannelError.ioOnClosedChannel))
            return
        }
        state = .awaitingHead(promise)
        exchange &+= 1
        keepAlive = head.isKeepAlive
        readTimeout = timeout
        armTimer(context)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        if let body, body.readableBytes > 0 { context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil) }
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        deadline = .now() + readTimeout
        switch unwrapInboundIn(data) {
        case .head(let head):
            guard case .awaitingHead(let promise) = state else { return }
            // 1xx answers (100 Continue, 103 Early Hints) are followed by the real one.
            if head.status.code < 200 { return }
            keepAlive = keepAlive && head.isKeepAlive
            if let length = head.headers.first(name: "content-length").flatMap(Int.init), length <= Self.wholeAnswerLimit {
                state = .collecting(head, context.channel.allocator.buffer(capacity: length), promise)
            } else {
                let (source, stream) = UpstreamBodyStream.make(delegate: UpstreamBodyDelegate(handler: NIOLoopBound(self, eventLoop: context.eventLoop), exchange: exchange))
                state = .streaming(source)
                promise.succeed(UpstreamResponse(head: head, body: .stream(stream)))
            }
        case .body(var chunk):
            switch state {
            case .collecting(let head, var body, let promise):
                state = .idle  // drop the reference so `body` is not copied on write
                body.writeBuffer(&chunk)
                state = .collecting(head, body, promise)
            case .streaming(let source):
                switch source.yield(chunk) {
                case .produceMore: break
                case .stopProducing: readerIsFull = true
                case .dropped: readerFinished(exchange: exchange)
                }
            default:
                break
            }
        case .end:
            switch state {
            case .collecting(let head, let body, let promise):
                endExchange()
                promise.succeed(UpstreamResponse(head: head, body: .whole(body)))
            case .streaming(let source):
                endExchange()
                source.finish()
            default:
                break
            }
        }
    }

    func read(context: ChannelHandlerContext) {
        if readerIsFull {
            readIsPending = true
        } else {
            context.read()
        }
    }

    /// The stream's reader has room again.
    func readerWantsMore(exchange: Int) {
        guard exchange == self.exchange else { return }
        readerIsFull = false
        if readIsPending, let context {
            readIsPending = false
            context.read()
        }
    }

    /// The stream's reader stopped (finished or gone). Before the answer's end that leaves the connection mid-message.
    func readerFinished(exchange: Int) {
        guard exchange == self.exchange, case .streaming = state else { return }
        fail(UpstreamCallError.connectionLost(CancellationError()))
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if error is HTTPParserError {
            fail(UpstreamCallError.malformedAnswer(error))
        } else {
            fail(UpstreamCallError.connectionLost(error))
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        fail(UpstreamCallError.connectionLost(ChannelError.eof))
        context.fireChannelInactive()
    }

    /// Ends the exchange in progress with `error` and closes the connection; the connection is not used again.
    private func fail(_ error: UpstreamCallError) {
        let previous = state
        state = .closed
        timer?.cancel()
        timer = nil
        switch previous {
        case .awaitingHead(let promise), .collecting(_, _, let promise):
            promise.fail(error)
            exchangeEnded?(false)
        case .streaming(let source):
            source.finish(error)
            exchangeEnded?(false)
        case .idle, .closed:
            break
        }
        exchangeEnded = nil
        context?.close(promise: nil)
    }

    private func endExchange() {
        timer?.cancel()
        timer = nil
        readerIsFull = false
        if keepAlive {
            state = .idle
            exchangeEnded?(true)
        } else {
            state = .closed
            exchangeEnded?(false)
            context?.close(promise: nil)
        }
    }

    /// One timer per exchange: when it fires before the deadline (moved on by reads) it waits for the new deadline.
    private func armTimer(_ context: ChannelHandlerContext) {
        deadline = .now() + readTimeout
        scheduleTimer(at: deadline, on: context.eventLoop)
    }

    private func scheduleTimer(at time: NIODeadline, on loop: any EventLoop) {
        let handler = NIOLoopBound(self, eventLoop: loop)
        timer = loop.scheduleTask(deadline: time) { handler.value.timerFired() }
    }

    private func timerFired() {
        guard let context else { return }
        switch state {
        case .idle, .closed:
            timer = nil
        default:
            if NIODeadline.now() < deadline {
                scheduleTimer(at: deadline, on: context.eventLoop)
            } else {
                fail(.readTimeout)
            }
        }
    }
}
