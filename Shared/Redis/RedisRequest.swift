import NIOCore

/// What a `RedisConnection` hands its channel: already-encoded bytes (encoded off the event loop), how
/// many replies they will produce, and where those replies go.
struct RedisRequest: Sendable {
    var encoded: ByteBuffer
    var replyCount: Int
    var promise: EventLoopPromise<[RESPValue]>
    /// Nil means wait as long as the server takes (blocking commands on a dedicated connection).
    var timeout: TimeAmount?
    /// Set by SUBSCRIBE/PSUBSCRIBE: from then on, pushed messages are routed here instead of to the FIFO.
    var subscriber: AsyncThrowingStream<RedisPubSubMessage, any Error>.Continuation?
}

/// The request never reached the socket because the channel was already closed, so it is safe to retry
/// on a fresh connection; callers outside the module only ever see `RedisError.connectionClosed`.
struct RedisRequestNotSent: Error {}
