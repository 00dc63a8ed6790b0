import Contracts
import NIOCore
import NIOHTTPTypes

/// Cuts off a request whose body trickles in (a slowloris client): in the server channel's pipeline, right after
/// the HTTP codec, it fails the connection's inbound stream with a 408 `REQUEST_TIMEOUT` `AppError` once a request's
/// head has been read and its end has not arrived within `timeout`. Whatever route reads the body gets that error and
/// answers it; the connection closes after the answer.
///
/// A timer starts only when a request is still incomplete at the end of a read: a body that arrives in the same
/// read as its head — nearly every one — costs nothing. (It was a `withTimeout` around the body's collection: a task
/// group with a second task and a `Task.sleep` per request with a body, ~100–150 µs of the gateway's CPU per POST.)
final class RequestBodyDeadlineHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart

    private let timeout: TimeAmount
    /// A head was read and its end not yet.
    private var requestOpen = false
    private var deadline: Scheduled<Void>?

    init(timeout: TimeAmount) {
        self.timeout = timeout
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            requestOpen = true
        case .body:
            break
        case .end:
            requestOpen = false
            deadline?.cancel()
            deadline = nil
        }
        context.fireChannelRead(data)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        if requestOpen, deadline == nil {
            let error = AppError(.requestTimeout, "The request body did not arrive within \(timeout.nanoseconds / 1_000_000_000) seconds.")
            let bound = NIOLoopBound((handler: self, context: context), eventLoop: context.eventLoop)
            deadline = context.eventLoop.scheduleTask(in: timeout) {
                let (handler, context) = bound.value
                handler.deadline = nil
                guard handler.requestOpen else { return }
                context.fireErrorCaught(error)
            }
        }
        context.fireChannelReadComplete()
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
