import CHiredis
import NIOCore

/// Owns one hiredis reader. Not Sendable on purpose: it lives inside a channel handler and is only touched
/// on that channel's event loop. Replies are deep-copied into `RESPValue` and freed straight away, so no
/// hiredis memory ever escapes this type.
final class RESPReplyDecoder {
    private let reader: UnsafeMutablePointer<redisReader>

    init() throws {
        guard let reader = redisReaderCreate() else {
            throw RedisError.protocolError("hiredis could not allocate a reader")
        }
        self.reader = reader
    }

    deinit {
        redisReaderFree(reader)
    }

    func feed(_ buffer: ByteBuffer) throws {
        try buffer.withUnsafeReadableBytes { bytes in
            guard let base = bytes.baseAddress, bytes.count > 0 else { return }
            guard redisReaderFeed(reader, base.assumingMemoryBound(to: CChar.self), bytes.count) == REDIS_OK else {
                throw RedisError.protocolError(readerError)
            }
        }
    }

    /// The next complete reply, or nil when more bytes are needed. After a thrown error the reader is
    /// unusable and the connection must be dropped.
    func next() throws -> RESPValue? {
        var raw: UnsafeMutableRawPointer?
        guard redisReaderGetReply(reader, &raw) == REDIS_OK else {
            throw RedisError.protocolError(readerError)
        }
        guard let raw else { return nil }
        defer { freeReplyObject(raw) }
        return try Self.copy(raw.assumingMemoryBound(to: redisReply.self))
    }

    private var readerError: String {
        withUnsafeBytes(of: reader.pointee.errstr) { bytes in
            let text = bytes.prefix { $0 != 0 }
            return text.isEmpty ? "unreadable reply" : String(decoding: text, as: UTF8.self)
        }
    }

    private static func copy(_ reply: UnsafePointer<redisReply>) throws -> RESPValue {
        let node = reply.pointee
        switch node.type {
        case REDIS_REPLY_STRING:
            return .bulkString(Array(UnsafeRawBufferPointer(start: node.str, count: node.len)))
        case REDIS_REPLY_STATUS:
            return .simpleString(String(decoding: UnsafeRawBufferPointer(start: node.str, count: node.len), as: UTF8.self))
        case REDIS_REPLY_ERROR:
            return .error(String(decoding: UnsafeRawBufferPointer(start: node.str, count: node.len), as: UTF8.self))
        case REDIS_REPLY_INTEGER:
            return .integer(Int64(node.integer))
        case REDIS_REPLY_NIL:
            return .null
        case REDIS_REPLY_ARRAY:
            var elements: [RESPValue] = []
            elements.reserveCapacity(node.elements)
            for index in 0..<node.elements {
                guard let element = node.element[index] else {
                    throw RedisError.protocolError("hiredis returned an array with a missing element")
                }
                elements.append(try copy(element))
            }
            return .array(elements)
        default:
            throw RedisError.protocolError("hiredis returned unknown reply type \(node.type)")
        }
    }
}
