import Contracts
import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Cuts off a request whose body trickles in (a slowloris client): in the server channel's pipeline, right after
/// the HTTP codec, it fails the connection's inbound stream with a 408 `REQUEST_TIMEOUT` `AppError` once a request's
/// head has been read and its end has not arrived within `timeout`. Whatever route reads the body gets that error and
/// answers it; the connection closes after the answer.
///
/// A timer starts only when a request that announces a body is still incomplete once the loop has handled the read
/// that brought its head: a body that arrives with its head — nearly every one — costs one queued check and no timer,
/// a request without a body nothing. (It was a `withTimeout` around the body's collection: a task
/// group with a second task and a `Task.sleep` per request with a body, ~100–150 µs of the gateway's CPU per POST.)
final class RequestBodyDeadlineHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart

    private let timeout: TimeAmount
    /// A head was read and its end not yet.
    private var requestOpen = false
    private var deadline: Scheduled<Void>?
    /// A look at the request after the current read is queued (see `lookAfterThisRead`).
    private var lookPending = false

    init(timeout: TimeAmount) {
        self.timeout = timeout
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            requestOpen = true
            // Without a length or a transfer coding a request has no body (RFC 9112 §6.3): its end is already here.
            let length = head.headerFields[.contentLength]
            if (length != nil && length != "0") || head.headerFields[.transferEncoding] != nil {
                lookAfterThisRead(context)
            }
        case .body:
            break
        case .end:
            requestOpen = false
            deadline?.cancel()
            deadline = nil
        }
        context.fireChannelRead(data)
    }

    /// Arms the deadline once the event loop is done with the bytes at hand, if the request is still incomplete then.
    /// A task on the loop rather than `channelReadComplete`, so it does not depend on how read-completes follow the
    /// reads (the first request of a connection reaches this handler replayed by the WebSocket upgrade's handler): a
    /// client that sends a head and part of a body, then nothing, is cut off as surely as one that trickles.
    private func lookAfterThisRead(_ context: ChannelHandlerContext) {
        guard !lookPending, deadline == nil else { return }
        lookPending = true
        let bound = NIOLoopBound((handler: self, context: context), eventLoop: context.eventLoop)
        context.eventLoop.execute {
            let (handler, context) = bound.value
            handler.lookPending = false
            guard handler.requestOpen, handler.deadline == nil else { return }
            handler.arm(context)
        }
    }

    private func arm(_ context: ChannelHandlerContext) {
        let error = AppError(.requestTimeout, "The request body did not arrive within \(timeout.nanoseconds / 1_000_000_000) seconds.")
        let bound = NIOLoopBound((handler: self, context: context), eventLoop: context.eventLoop)
        deadline = context.eventLoop.scheduleTask(in: timeout) {
            let (handler, context) = bound.value
            handler.deadline = nil
            guard handler.requestOpen else { return }
            // Once: the stream now ends with this error, and the connection closes after the answer.
            handler.requestOpen = false
            context.fireErrorCaught(error)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        cancelDeadline()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        cancelDeadline()
    }

    private func cancelDeadline() {
        requestOpen = false
        deadline?.cancel()
        deadline = nil
    }
}
