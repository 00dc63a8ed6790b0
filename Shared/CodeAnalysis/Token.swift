/// What a token is. The tokenizer only separates; the analyzers give meaning to identifiers and keywords.
public enum TokenKind: String, Codable, Sendable {
    case identifier
    case keyword
    case number
    /// A whole string literal, quotes and prefixes included; an interpolated one (`"\(x)"`, `` `${x}` ``, `f"{x}"`)
    /// is still one token, with `Token.isInterpolated` set.
    case string
    case comment
    case `operator`
    case punctuation
    /// A line break outside a literal or comment (a multi-line literal's own breaks are inside its token).
    case newline
    /// A byte the language does not allow there (kept, so nothing is silently dropped).
    case unknown
}

/// One token of a `SourceFile`: where its bytes are in the file, the 1-based line it starts on, and its first 16
/// bytes packed into two integers.
///
/// A token holds no `String`: it is plain data, so arrays of tokens are copied and freed without reference counting,
/// and `token == "func"` compares integers. Its text is `TokenList.text(of:)` (or `SourceFile.text(of:)`), made only
/// where a name or a message needs it.
public struct Token: Sendable, Equatable {
    public let kind: TokenKind
    /// A string literal with interpolation or template substitutions in it.
    public let isInterpolated: Bool
    /// Whitespace, a line start or a comment comes right before it (Swift tells a ternary `a ? b : c` from a
    /// postfix `a?` by it, as lizard does).
    public let spaceBefore: Bool
    /// Byte offset in the file's UTF-8 and length in bytes (the services cap code far below 2 GiB).
    let offset: Int32
    let length: Int32
    private let firstLine: Int32
    private let lastLine: Int32
    /// Bytes 0–7 and 8–15 of the token, little-endian, zero-padded.
    let head: UInt64
    let tail: UInt64

    /// The line it starts on.
    public var line: Int { Int(firstLine) }
    /// The line it ends on (differs from `line` for multi-line strings and block comments).
    public var endLine: Int { Int(lastLine) }
    /// Its bytes' offsets in the file.
    public var range: Range<Int> { Int(offset)..<Int(offset + length) }
    var byteCount: Int { Int(length) }
    var firstByte: UInt8 { UInt8(truncatingIfNeeded: head) }
    var key: TokenKey { TokenKey(head: head, tail: tail, length: length) }

    init(kind: TokenKind, bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>, line: Int, endLine: Int, isInterpolated: Bool, spaceBefore: Bool) {
        self.kind = kind
        self.isInterpolated = isInterpolated
        self.spaceBefore = spaceBefore
        self.offset = Int32(truncatingIfNeeded: range.lowerBound)
        self.length = Int32(truncatingIfNeeded: range.count)
        self.firstLine = Int32(truncatingIfNeeded: line)
        self.lastLine = Int32(truncatingIfNeeded: endLine)
        (self.head, self.tail) = TokenKey.pack(bytes, range)
    }

    @inline(__always)
    public static func == (token: Token, literal: TokenLiteral) -> Bool { token.key == literal.key }

    @inline(__always)
    public static func != (token: Token, literal: TokenLiteral) -> Bool { token.key != literal.key }

    /// `switch token { case "(": … }`
    @inline(__always)
    public static func ~= (literal: TokenLiteral, token: Token) -> Bool { token.key == literal.key }

    /// Whether it is spelled as one of `literals`.
    @inline(__always)
    func isAny(of literals: TokenLiteral...) -> Bool {
        let key = key
        for literal in literals where literal.key == key { return true }
        return false
    }
}

/// A token's spelling as integers: its length and first 16 bytes. Two spellings of at most 16 bytes are equal
/// exactly when their keys are; a longer token has a length no literal or word list here has.
struct TokenKey: Hashable, Sendable {
    var head: UInt64
    var tail: UInt64
    var length: Int32

    /// The most bytes a key tells apart.
    static let capacity = 16

    init(head: UInt64, tail: UInt64, length: Int32) {
        self.head = head
        self.tail = tail
        self.length = length
    }

    init(_ word: String) {
        var word = word
        (head, tail) = word.withUTF8 { Self.pack($0) }
        length = Int32(word.utf8.count)
    }

    /// The key bytes of `all[range]`: two unaligned 8-byte loads, masked to the length, where 16 bytes from the
    /// range's start are inside `all` (almost always); byte by byte near its end.
    @inline(__always)
    static func pack(_ all: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> (UInt64, UInt64) {
        guard let base = all.baseAddress, range.lowerBound + capacity <= all.count else {
            return pack(UnsafeBufferPointer(rebasing: all[range]))
        }
        let raw = UnsafeRawPointer(base + range.lowerBound)
        let count = range.count
        var head = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self))
        var tail = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        if count < 8 {
            head &= (1 << UInt64(8 * count)) &- 1
            tail = 0
        } else if count < 16 {
            tail &= (1 << UInt64(8 * (count - 8))) &- 1
        }
        return (head, tail)
    }

    @inline(__always)
    static func pack(_ bytes: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64) {
        var head: UInt64 = 0
        var tail: UInt64 = 0
        let count = Swift.min(bytes.count, capacity)
        var at = 0
        while at < count {
            let byte = UInt64(bytes[at])
            if at < 8 { head |= byte << UInt64(8 * at) } else { tail |= byte << UInt64(8 * (at - 8)) }
            at += 1
        }
        return (head, tail)
    }
}

/// A spelling to compare tokens with, written as a string literal: `token == "("`, `case "func":`. At most 16
/// bytes (`TokenKey.capacity`), which every keyword and operator the rules name fits.
public struct TokenLiteral: ExpressibleByStringLiteral, Sendable {
    let key: TokenKey

    @inline(__always)
    public init(stringLiteral value: StaticString) {
        assert(value.utf8CodeUnitCount <= TokenKey.capacity, "a TokenLiteral is at most 16 bytes")
        let (head, tail) = TokenKey.pack(UnsafeBufferPointer(start: value.utf8Start, count: value.utf8CodeUnitCount))
        key = TokenKey(head: head, tail: tail, length: Int32(value.utf8CodeUnitCount))
    }
}

/// A fixed list of spellings (modifiers, keywords, call names), looked up by a token's key: no `String` is made
/// and none is hashed. An open-addressing table a quarter full, probed from a multiplicative hash of the key
/// (`Set`'s seeded SipHash was a twentieth of an analysis).
struct TokenSet: Sendable {
    private let slots: [TokenKey]
    private let mask: Int
    private static let empty = TokenKey(head: 0, tail: 0, length: -1)

    init(_ words: [String]) {
        precondition(words.allSatisfy { $0.utf8.count <= TokenKey.capacity }, "TokenSet words are at most 16 bytes")
        var size = 4
        while size < words.count * 4 { size *= 2 }
        var slots = Array(repeating: Self.empty, count: size)
        for key in Set(words.map(TokenKey.init)) {
            var at = Self.slot(of: key, mask: size - 1)
            while slots[at] != Self.empty { at = (at + 1) & (size - 1) }
            slots[at] = key
        }
        self.slots = slots
        self.mask = size - 1
    }

    init(_ words: Set<String>) { self.init(Array(words)) }

    @inline(__always)
    private static func slot(of key: TokenKey, mask: Int) -> Int {
        var hash = key.head &* 0x9E37_79B9_7F4A_7C15
        hash ^= key.tail &* 0xC2B2_AE3D_27D4_EB4F
        hash ^= UInt64(UInt32(bitPattern: key.length)) &* 0x1656_67B1_9E37_79F9
        hash ^= hash >> 29
        return Int(truncatingIfNeeded: hash) & mask
    }

    @inline(__always)
    func contains(key: TokenKey) -> Bool {
        slots.withUnsafeBufferPointer { slots in
            var at = Self.slot(of: key, mask: mask)
            while true {
                let found = slots[at]
                if found == key { return true }
                if found.length < 0 { return false }
                at = (at + 1) & mask
            }
        }
    }

    @inline(__always)
    func contains(_ token: Token) -> Bool { token.byteCount <= TokenKey.capacity && contains(key: token.key) }

    /// For a spelling not taken from a token (a name already joined).
    func contains(_ word: String) -> Bool { word.utf8.count <= TokenKey.capacity && contains(key: TokenKey(word)) }
}
