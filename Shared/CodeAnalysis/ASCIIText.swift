/// Text folded to ASCII case once, searched byte by byte — for the rules that test every identifier and literal
/// against word lists. `String.contains(_:)` with Foundation imported goes through NSString (bridging, UTF-16,
/// locale-aware search): in a profile of a 491-line file it was over half of the analysis.
///
/// Only ASCII letters are folded; other bytes stay as they are, so ASCII needles match exactly what
/// `lowercased().contains(…)` matched for them.
struct ASCIIText {
    let bytes: [UInt8]

    init(lowercasing text: String, dashAsUnderscore: Bool = false) {
        bytes = text.utf8.map { byte in
            if byte >= 0x41, byte <= 0x5A { return byte | 0x20 }
            if dashAsUnderscore, byte == UInt8(ascii: "-") { return UInt8(ascii: "_") }
            return byte
        }
    }

    init(uppercasing text: String) {
        bytes = text.utf8.map { $0 >= 0x61 && $0 <= 0x7A ? $0 & ~0x20 : $0 }
    }

    /// Whether `needle` (already in this text's case) occurs anywhere.
    func contains(_ needle: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { Self.search($0, for: needle) }
    }

    /// Whether `needle` occurs in `text` exactly (no case folding), read in place.
    static func occurs(_ needle: [UInt8], in text: String) -> Bool {
        var text = text
        return text.withUTF8 { search($0, for: needle) }
    }

    private static func search(_ hay: UnsafeBufferPointer<UInt8>, for needle: [UInt8]) -> Bool {
        guard let first = needle.first, needle.count <= hay.count else { return needle.isEmpty }
        let last = hay.count - needle.count
        return needle.withUnsafeBufferPointer { word in
            var at = 0
            while at <= last {
                if hay[at] == first {
                    var matched = 1
                    while matched < word.count, hay[at + matched] == word[matched] { matched += 1 }
                    if matched == word.count { return true }
                }
                at += 1
            }
            return false
        }
    }

    func containsAny(_ needles: [[UInt8]]) -> Bool {
        needles.contains { contains($0) }
    }

    /// Word lists as bytes, made once.
    static func words(_ words: [String]) -> [[UInt8]] { words.map { Array($0.utf8) } }
}
