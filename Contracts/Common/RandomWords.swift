#if canImport(Glibc)
import Glibc
#endif

/// Random 64-bit words from the system's generator, several per system call. `SystemRandomNumberGenerator` asks the
/// kernel once per word (`getrandom`, 8 bytes): a request id and a `traceparent` were five calls per gateway request.
/// Here they are two. The bytes are the kernel's, unbuffered: nothing is kept between calls.
public enum RandomWords {
    /// `count` words (at most 32) in one `getentropy` (one `getrandom`); where that is not available, from `SystemRandomNumberGenerator`.
    public static func next<Result>(_ count: Int, _ body: (UnsafeBufferPointer<UInt64>) -> Result) -> Result {
        precondition((1...32).contains(count), "RandomWords.next takes 1...32 words")
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: count) { words in
            fill(UnsafeMutableRawBufferPointer(words))
            return body(UnsafeBufferPointer(words))
        }
    }

    static func fill(_ buffer: UnsafeMutableRawBufferPointer) {
        #if canImport(Glibc)
        // `getentropy` is one `getrandom` call for up to 256 bytes: all of them or an error, never a partial read.
        if getentropy(buffer.baseAddress, buffer.count) == 0 { return }
        #endif
        var generator = SystemRandomNumberGenerator()
        for offset in stride(from: 0, to: buffer.count, by: 8) {
            buffer.storeBytes(of: generator.next(), toByteOffset: offset, as: UInt64.self)
        }
    }
}
