/// Repeated code: windows of `AnalysisThresholds.duplicateLines` consecutive code lines whose tokens agree once
/// literals are normalized (a copied block with other strings or numbers still counts). Lines with fewer than
/// three tokens (`}`, `else {`) take part but do not start a window, so brace runs are no duplicates.
public enum DuplicateFinder {
    public static let minimumLines = AnalysisThresholds.duplicateLines
    /// At most this many blocks are reported per file.
    public static let maximumBlocks = 20

    static func find(_ code: TokenList) -> [DuplicateBlock] {
        // One hash of the normalized tokens per code line (no string building: a long line stays linear). FNV-1a
        // over bytes: the blocks are found by equal hashes, and `Hasher`'s seeding per line was a tenth of an analysis.
        var lines: [(line: Int, text: UInt64, size: Int)] = []
        var hash = FNV.start
        var current: (line: Int, size: Int)?
        for index in code.indices {
            let line = code[index].line
            if let open = current, open.line != line {
                lines.append((open.line, hash, open.size))
                hash = FNV.start
                current = nil
            }
            // A literal by its kind alone, anything else by its spelling: the key of a short token (a word and
            // two multiplications), the bytes of a longer one.
            let token = code[index]
            switch token.kind {
            case .string: FNV.mix(&hash, UInt8(0xFF))
            case .number: FNV.mix(&hash, UInt8(0xFE))
            default:
                FNV.mix(&hash, UInt8(truncatingIfNeeded: token.byteCount))
                if token.byteCount <= TokenKey.capacity {
                    FNV.mixWord(&hash, token.head)
                    FNV.mixWord(&hash, token.tail)
                } else {
                    code.withBytes(of: token) { bytes in
                        for byte in bytes { FNV.mix(&hash, byte) }
                    }
                }
            }
            current = (line, (current?.size ?? 0) + 1)
        }
        if let open = current { lines.append((open.line, hash, open.size)) }
        let window = minimumLines
        guard lines.count >= window * 2 else { return [] }
        // A window by the hash of its lines' hashes; a hit is checked line by line.
        var firstSeen = FirstSeen(capacity: lines.count)
        var blocks: [DuplicateBlock] = []
        var coveredUntil = -1
        var start = 0
        while start + window <= lines.count, blocks.count < maximumBlocks {
            defer { start += 1 }
            guard start > coveredUntil, lines[start].size >= 3 else { continue }
            let slice = lines[start..<(start + window)]
            guard slice.reduce(0, { $0 + $1.size }) >= window * 3 else { continue }
            var key = FNV.start
            for entry in slice { FNV.mixWord(&key, entry.text) }
            guard let earlier = firstSeen.earlier(key, else: start) else { continue }
            guard earlier + window <= start, (0..<window).allSatisfy({ lines[earlier + $0].text == lines[start + $0].text }) else { continue }
            // Extend while the following lines agree too.
            var length = window
            while start + length < lines.count, earlier + length < start, lines[earlier + length].text == lines[start + length].text {
                length += 1
            }
            let lastLine = lines[start + length - 1].line
            blocks.append(DuplicateBlock(firstLine: lines[earlier].line, secondLine: lines[start].line, length: lastLine - lines[start].line + 1))
            coveredUntil = start + length - 1
        }
        return blocks
    }
}

/// Where each window hash was first seen: an open-addressing table (the hashes are already well mixed, so a
/// slot is their low bits; `Dictionary`'s seeded hashing of every key was a few per cent of an analysis).
struct FirstSeen {
    private var keys: [UInt64]
    private var starts: [Int]
    private let mask: Int

    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        keys = Array(repeating: 0, count: size)
        starts = Array(repeating: -1, count: size)
        mask = size - 1
    }

    /// The start recorded for `key`; when there is none, records `start` and returns nil.
    mutating func earlier(_ key: UInt64, else start: Int) -> Int? {
        var at = Int(truncatingIfNeeded: key ^ (key >> 32)) & mask
        while starts[at] >= 0 {
            if keys[at] == key { return starts[at] }
            at = (at + 1) & mask
        }
        keys[at] = key
        starts[at] = start
        return nil
    }
}

/// 64-bit FNV-1a.
enum FNV {
    static let start: UInt64 = 0xCBF2_9CE4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01B3

    @inline(__always)
    static func mix(_ hash: inout UInt64, _ byte: UInt8) {
        hash = (hash ^ UInt64(byte)) &* prime
    }

    /// A whole word in one step (FNV-1a's xor-multiply on 64 bits instead of 8), for hashes only compared with
    /// each other in one process.
    @inline(__always)
    static func mixWord(_ hash: inout UInt64, _ word: UInt64) {
        hash = (hash ^ word) &* prime
        hash ^= hash >> 29
    }

    @inline(__always)
    static func mix(_ hash: inout UInt64, _ value: UInt64) {
        var value = value
        for _ in 0..<8 {
            mix(&hash, UInt8(truncatingIfNeeded: value))
            value >>= 8
        }
    }
}
