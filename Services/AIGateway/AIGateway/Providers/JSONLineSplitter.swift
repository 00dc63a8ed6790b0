import Foundation
import NIOCore
import Synchronization

/// Cuts a byte stream into lines (LF, optional CR before it), whatever the chunk boundaries; blank lines are
/// skipped. Used by one reading task at a time; the `Mutex` only makes it `Sendable` for the body closure.
final class JSONLineSplitter: Sendable {
    private let pending = Mutex<[UInt8]>([])

    func consume(_ chunk: ByteBuffer) -> [Data] {
        pending.withLock { buffer in
            buffer += chunk.readableBytesView
            var lines: [Data] = []
            var start = 0
            while let end = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
                var line = buffer[start..<end]
                if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
                if !line.isEmpty { lines.append(Data(line)) }
                start = end + 1
            }
            buffer.removeFirst(start)
            return lines
        }
    }
}
