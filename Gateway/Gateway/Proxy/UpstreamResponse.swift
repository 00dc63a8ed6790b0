import NIOCore
import NIOHTTP1

/// What an upstream answered: its head and its body, either whole (a small answer of known length, read before the
/// gateway answers) or as a stream that delivers the body as it arrives (SSE, chunked and large answers).
struct UpstreamResponse: Sendable {
    enum Body: Sendable {
        case whole(ByteBuffer)
        case stream(UpstreamBodyStream)
    }

    var head: HTTPResponseHead
    var body: Body
}

/// An upstream body as it arrives, with back-pressure: while the gateway's client reads slower than the upstream
/// writes, the upstream connection stops reading. Dropping the stream before its end closes that connection.
struct UpstreamBodyStream: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    typealias Producer = NIOThrowingAsyncSequenceProducer<
        ByteBuffer, any Error, NIOAsyncSequenceProducerBackPressureStrategies.HighLowWatermark, UpstreamBodyDelegate
    >

    let producer: Producer

    func makeAsyncIterator() -> Producer.AsyncIterator { producer.makeAsyncIterator() }

    /// Buffers between 2 and 8 chunks (each up to one socket read) before the connection stops reading.
    static func make(delegate: UpstreamBodyDelegate) -> (Producer.Source, UpstreamBodyStream) {
        let made = Producer.makeSequence(
            backPressureStrategy: .init(lowWatermark: 2, highWatermark: 8), finishOnDeinit: false, delegate: delegate
        )
        return (made.source, UpstreamBodyStream(producer: made.sequence))
    }
}

/// Tells the connection's handler, on its event loop, that the reader wants more or has gone.
struct UpstreamBodyDelegate: NIOAsyncSequenceProducerDelegate {
    let handler: NIOLoopBound<UpstreamExchangeHandler>
    let exchange: Int

    func produceMore() {
        let (handler, exchange) = (self.handler, self.exchange)
        handler.eventLoop.execute { handler.value.readerWantsMore(exchange: exchange) }
    }

    func didTerminate() {
        let (handler, exchange) = (self.handler, self.exchange)
        handler.eventLoop.execute { handler.value.readerFinished(exchange: exchange) }
    }
}

/// Why an exchange with an upstream failed before its answer's head arrived.
enum UpstreamCallError: Error, CustomStringConvertible {
    /// No connection could be made (refused, unreachable, connect timeout).
    case connectFailed(any Error)
    /// The connection closed or failed before the head of the answer.
    case connectionLost(any Error)
    /// Nothing was read from the upstream for the read timeout.
    case readTimeout
    /// The upstream sent something that is not HTTP/1.1.
    case malformedAnswer(any Error)

    var description: String {
        switch self {
        case .connectFailed(let error): "connect failed: \(error)"
        case .connectionLost(let error): "connection lost: \(error)"
        case .readTimeout: "read timeout"
        case .malformedAnswer(let error): "malformed answer: \(error)"
        }
    }
}
