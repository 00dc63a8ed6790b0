import Logging
import NIOCore

/// Matches replies to requests in FIFO order. Redis answers commands on one connection strictly in the
/// order they were written, so a queue of promises is all the bookkeeping needed; everything here runs
/// on the channel's event loop.
final class RedisChannelHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = RedisRequest
    typealias OutboundOut = ByteBuffer

    private struct Pending {
        var replyCount: Int
        var promise: EventLoopPromise<[RESPValue]>
        var deadline: NIODeadline?
    }

    private let decoder: RESPReplyDecoder
    private let logger: Logger
    private var pending = CircularBuffer<Pending>(initialCapacity: 16)
    /// Replies collected so far for the head of `pending`; kept outside the queue so appending does not
    /// copy the array on every reply of a large pipeline.
    private var headReplies: [RESPValue] = []
    private var subscriber: AsyncThrowingStream<RedisPubSubMessage, any Error>.Continuation?
    private var timeoutCheck: (task: Scheduled<Void>, at: NIODeadline)?
    private var context: ChannelHandlerContext?
    private var isClosed = false
    private var closedByUser = false

    init(logger: Logger) throws {
        self.decoder = try RESPReplyDecoder()
        self.logger = logger
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timeoutCheck?.task.cancel()
        timeoutCheck = nil
        self.context = nil
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let request = unwrapOutboundIn(data)
        guard !isClosed, context.channel.isActive else {
            request.promise.fail(RedisRequestNotSent())
            promise?.fail(ChannelError.ioOnClosedChannel)
            return
        }
        if let subscriber = request.subscriber {
            self.subscriber = subscriber
        }
        let deadline = request.timeout.map { NIODeadline.now() + $0 }
        pending.append(Pending(replyCount: request.replyCount, promise: request.promise, deadline: deadline))
        if let deadline {
            scheduleTimeoutCheck(at: deadline, context: context)
        }
        // Once queued here, the reply promise is this handler's to complete (channelInactive fails it if the
        // socket dies). Succeeding the write promise now tells the sender exactly that, so a write failure
        // it does see can only mean the request never reached this handler and is safe to retry.
        context.write(wrapOutboundOut(request.encoded), promise: nil)
        promise?.succeed()
    }

    func close(context: ChannelHandlerContext, mode: CloseMode, promise: EventLoopPromise<Void>?) {
        closedByUser = true
        context.close(mode: mode, promise: promise)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        do {
            try decoder.feed(unwrapInboundIn(data))
            while let reply = try decoder.next() {
                try deliver(reply)
            }
        } catch {
            logger.warning("Redis reply stream unusable, closing connection", metadata: ["error": "\(error)"])
            failAll(with: error)
            context.close(promise: nil)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        isClosed = true
        failAll(with: RedisError.connectionClosed)
        if closedByUser {
            subscriber?.finish()
        } else {
            subscriber?.finish(throwing: RedisError.connectionClosed)
        }
        subscriber = nil
        timeoutCheck?.task.cancel()
        timeoutCheck = nil
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // Socket errors mean the peer is gone; whatever was in flight may or may not have executed.
        logger.warning("Redis connection error", metadata: ["error": "\(error)"])
        failAll(with: RedisError.connectionClosed)
        context.close(promise: nil)
    }

    private func deliver(_ reply: RESPValue) throws {
        if let subscriber, let message = RedisPubSubMessage(push: reply) {
            subscriber.yield(message)
            return
        }
        guard let head = pending.first else {
            throw RedisError.protocolError("reply with no command waiting for it: \(reply)")
        }
        headReplies.append(reply)
        if headReplies.count == head.replyCount {
            pending.removeFirst()
            let replies = headReplies
            headReplies = []
            head.promise.succeed(replies)
        }
    }

    private func failAll(with error: any Error) {
        headReplies = []
        let failed = pending
        pending.removeAll()
        for entry in failed {
            entry.promise.fail(error)
        }
    }

    private func scheduleTimeoutCheck(at deadline: NIODeadline, context: ChannelHandlerContext) {
        // Deadlines normally grow with the queue, so an earlier check already covers this one; that check
        // re-arms itself for whatever is still outstanding.
        if let existing = timeoutCheck, existing.at <= deadline { return }
        timeoutCheck?.task.cancel()
        let task = context.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) { [self] in
            self.checkTimeouts()
        }
        timeoutCheck = (task, deadline)
    }

    private func checkTimeouts() {
        timeoutCheck = nil
        guard let context, !isClosed else { return }
        let now = NIODeadline.now()
        let deadlines = pending.compactMap(\.deadline)
        guard deadlines.contains(where: { $0 <= now }) else {
            if let next = deadlines.min() {
                scheduleTimeoutCheck(at: next, context: context)
            }
            return
        }
        logger.warning("Redis command timed out, closing connection", metadata: ["pending": "\(pending.count)"])
        // Once one reply is overdue the stream cannot be trusted to line up with the queue any more.
        headReplies = []
        let failed = pending
        pending.removeAll()
        for entry in failed {
            if let deadline = entry.deadline, deadline <= now {
                entry.promise.fail(RedisError.timeout)
            } else {
                entry.promise.fail(RedisError.connectionClosed)
            }
        }
        context.close(promise: nil)
    }
}
