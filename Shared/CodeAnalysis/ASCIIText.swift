import Foundation

/// Byte searches over a string's UTF-8, read in place, optionally folding ASCII case on the fly — for the rules
/// that test every identifier and literal against word lists. Foundation's `String.contains(_:)` and
/// `range(of:)` go through NSString (bridging, UTF-16, locale-aware search): in a profile of a 491-line file they
/// were over half of the analysis; folding into a new array per token was the next largest cost.
///
/// Only ASCII letters are folded; other bytes stay as they are, so ASCII needles match exactly what
/// `lowercased().contains(…)` matched for them.
enum ASCIIText {
    /// How the haystack's bytes are compared with a needle already written in the target case.
    enum Folding {
        case exact
        case lower
        /// Lower case, and `-` read as `_` (`DB-Password` matches `db_password`).
        case lowerDashAsUnderscore
        case upper
        // The folds themselves are the `ByteFold` types below: each search runs one loop per folding.
    }

    /// Whether `needle` occurs in `text`, compared as `folding` says.
    static func occurs(_ needle: [UInt8], in text: some StringProtocol, folding: Folding = .exact) -> Bool {
        withBytes(text) { firstOffset(of: needle, in: $0, folding: folding) != nil }
    }

    /// The byte offset of `needle`'s first occurrence in `text`.
    static func firstOffset(of needle: some StringProtocol, in text: some StringProtocol) -> Int? {
        withBytes(text) { hay in withBytes(needle) { firstOffset(of: $0, in: hay, folding: .exact) } }
    }

    /// `text`'s UTF-8 in place (native strings), or copied once (bridged ones).
    static func withBytes<R>(_ text: some StringProtocol, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        return Array(text.utf8).withUnsafeBufferPointer(body)
    }

    static func firstOffset(of needle: [UInt8], in hay: UnsafeBufferPointer<UInt8>, folding: Folding) -> Int? {
        needle.withUnsafeBufferPointer { firstOffset(of: $0, in: hay, folding: folding) }
    }

    static func firstOffset(of word: UnsafeBufferPointer<UInt8>, in hay: UnsafeBufferPointer<UInt8>, folding: Folding) -> Int? {
        // One loop per folding, so none of them switches per byte.
        switch folding {
        case .exact: exactSearch(word, hay)
        case .lower: search(word, hay, LowerFold.self)
        case .lowerDashAsUnderscore: search(word, hay, LowerDashFold.self)
        case .upper: search(word, hay, UpperFold.self)
        }
    }

    /// Unfolded: from one occurrence of the first byte to the next with `memchr` (a word at a time).
    private static func exactSearch(_ word: UnsafeBufferPointer<UInt8>, _ hay: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let first = word.first else { return 0 }
        guard word.count <= hay.count, let base = hay.baseAddress else { return nil }
        let last = hay.count - word.count
        var at = 0
        while at <= last {
            guard let hit = memchr(base + at, Int32(first), last - at + 1) else { return nil }
            at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            var matched = 1
            while matched < word.count, hay[at + matched] == word[matched] { matched += 1 }
            if matched == word.count { return at }
            at += 1
        }
        return nil
    }

    private static func search<F: ByteFold>(_ word: UnsafeBufferPointer<UInt8>, _ hay: UnsafeBufferPointer<UInt8>, _: F.Type) -> Int? {
        guard let first = word.first else { return 0 }
        guard word.count <= hay.count else { return nil }
        let last = hay.count - word.count
        var at = 0
        while at <= last {
            if F.apply(hay[at]) == first {
                var matched = 1
                while matched < word.count, F.apply(hay[at + matched]) == word[matched] { matched += 1 }
                if matched == word.count { return at }
            }
            at += 1
        }
        return nil
    }

    /// Word lists as bytes, made once.
    static func words(_ words: [String]) -> [[UInt8]] { words.map { Array($0.utf8) } }
}

protocol ByteFold {
    static func apply(_ byte: UInt8) -> UInt8
}

enum ExactFold: ByteFold {
    @inline(__always) static func apply(_ byte: UInt8) -> UInt8 { byte }
}

enum LowerFold: ByteFold {
    @inline(__always) static func apply(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }
}

enum LowerDashFold: ByteFold {
    @inline(__always) static func apply(_ byte: UInt8) -> UInt8 { byte == UInt8(ascii: "-") ? UInt8(ascii: "_") : LowerFold.apply(byte) }
}

enum UpperFold: ByteFold {
    @inline(__always) static func apply(_ byte: UInt8) -> UInt8 { byte >= 0x61 && byte <= 0x7A ? byte & ~0x20 : byte }
}

/// A word list searched in one pass: at each byte only the words that start with it are compared (a word list
/// of a dozen needles costs about one scan, not a dozen).
struct WordSet: Sendable {
    let words: [[UInt8]]
    /// Every word's bytes one after another: `bytes[wordStarts[i]..<wordStarts[i + 1]]` is word `i`.
    private let bytes: [UInt8]
    private let wordStarts: [Int]
    /// `order[starts[b]..<starts[b + 1]]`: the indices of the words whose first byte is `b`.
    private let starts: [Int]
    private let order: [Int]
    /// The shortest word's length: shorter text holds none.
    private let shortest: Int

    init(_ list: [String]) {
        precondition(list.count <= 64, "a WordSet reports its words in 64 bits")
        words = list.map { Array($0.utf8) }
        bytes = words.flatMap { $0 }
        shortest = words.map(\.count).min() ?? 0
        var wordStarts = [0]
        for word in words { wordStarts.append(wordStarts[wordStarts.count - 1] + word.count) }
        self.wordStarts = wordStarts
        var buckets = Array(repeating: [Int](), count: 256)
        for (index, word) in words.enumerated() { if let first = word.first { buckets[Int(first)].append(index) } }
        var starts = [0]
        for bucket in buckets { starts.append(starts[starts.count - 1] + bucket.count) }
        self.starts = starts
        order = buckets.flatMap { $0 }
    }

    /// Bit `i` set when `words[i]` occurs in `text`, compared as `folding` says; with `stopAtFirst`, the first
    /// match found ends the scan.
    func occurring(in text: some StringProtocol, folding: ASCIIText.Folding, stopAtFirst: Bool = false) -> UInt64 {
        guard text.utf8.count >= shortest else { return 0 }
        return ASCIIText.withBytes(text) { occurring(inBytes: $0, folding: folding, stopAtFirst: stopAtFirst) }
    }

    /// `occurring(in:)` of bytes in place (a token's, without making its `String`).
    func occurring(inBytes hay: UnsafeBufferPointer<UInt8>, folding: ASCIIText.Folding, stopAtFirst: Bool = false) -> UInt64 {
        guard hay.count >= shortest else { return 0 }
        switch folding {
        case .exact: return scan(hay, ExactFold.self, stopAtFirst)
        case .lower: return scan(hay, LowerFold.self, stopAtFirst)
        case .lowerDashAsUnderscore: return scan(hay, LowerDashFold.self, stopAtFirst)
        case .upper: return scan(hay, UpperFold.self, stopAtFirst)
        }
    }

    func containsAny(in text: some StringProtocol, folding: ASCIIText.Folding) -> Bool {
        occurring(in: text, folding: folding, stopAtFirst: true) != 0
    }

    private func scan<F: ByteFold>(_ hay: UnsafeBufferPointer<UInt8>, _: F.Type, _ stopAtFirst: Bool) -> UInt64 {
        var found: UInt64 = 0
        starts.withUnsafeBufferPointer { starts in
            order.withUnsafeBufferPointer { order in
                wordStarts.withUnsafeBufferPointer { wordStarts in
                    bytes.withUnsafeBufferPointer { bytes in
                        for at in 0..<hay.count {
                            let byte = Int(F.apply(hay[at]))
                            var candidate = starts[byte]
                            let end = starts[byte + 1]
                            while candidate < end {
                                let index = order[candidate]
                                candidate += 1
                                let from = wordStarts[index]
                                let count = wordStarts[index + 1] - from
                                guard at + count <= hay.count else { continue }
                                var matched = 1
                                while matched < count, F.apply(hay[at + matched]) == bytes[from + matched] { matched += 1 }
                                if matched == count {
                                    found |= 1 << UInt64(index)
                                    if stopAtFirst { return }
                                }
                            }
                        }
                    }
                }
            }
        }
        return found
    }
}

extension StringProtocol {
    /// Whether `needle` occurs in this text byte for byte: `contains` without Foundation's NSString bridge.
    func containsBytes(_ needle: String) -> Bool {
        ASCIIText.firstOffset(of: needle, in: self) != nil
    }

    /// The first occurrence of `needle`, found on the UTF-8 bytes (`range(of:)` without Foundation).
    func rangeOfBytes(_ needle: String) -> Range<Index>? {
        guard let offset = ASCIIText.firstOffset(of: needle, in: self) else { return nil }
        let lower = utf8.index(startIndex, offsetBy: offset)
        return lower..<utf8.index(lower, offsetBy: needle.utf8.count)
    }
}
