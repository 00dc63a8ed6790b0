/// Tokens together with the bytes they point into: what the scanners and rules walk. `list[i]` is a token,
/// `list.has(i, "(")` asks for a spelling without a bounds check of its own, `list.text(i)` makes the `String`
/// where a name or a message needs one.
public struct TokenList: RandomAccessCollection, Sendable {
    public let elements: [Token]
    /// The UTF-8 of the code the tokens were scanned from.
    let bytes: [UInt8]

    init(_ elements: [Token], bytes: [UInt8]) {
        self.elements = elements
        self.bytes = bytes
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { elements.count }

    @inline(__always)
    public subscript(_ index: Int) -> Token { elements[index] }

    /// The same bytes, only the tokens `isIncluded` keeps.
    func filtered(_ isIncluded: (Token) -> Bool) -> TokenList {
        TokenList(elements.filter(isIncluded), bytes: bytes)
    }

    /// The text of a token of this list.
    public func text(of token: Token) -> String {
        let range = token.range
        return String(decoding: bytes[range.clamped(to: 0..<bytes.count)], as: UTF8.self)
    }

    /// The text of the token at `index`; empty outside the list.
    func text(_ index: Int) -> String {
        index >= 0 && index < elements.count ? text(of: elements[index]) : ""
    }

    /// Whether there is a token at `index` spelled `literal`.
    @inline(__always)
    func has(_ index: Int, _ literal: TokenLiteral) -> Bool {
        index >= 0 && index < elements.count && elements[index] == literal
    }

    /// Whether there is a token at `index` spelled as one of `literals`.
    @inline(__always)
    func has(_ index: Int, oneOf literals: TokenLiteral...) -> Bool {
        guard index >= 0, index < elements.count else { return false }
        let key = elements[index].key
        for literal in literals where literal.key == key { return true }
        return false
    }

    /// Calls `body` with a token's bytes, in place.
    @inline(__always)
    func withBytes<R>(of token: Token, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        bytes.withUnsafeBufferPointer { all in body(UnsafeBufferPointer(rebasing: all[token.range.clamped(to: 0..<all.count)])) }
    }

    /// Whether a token is spelled `word`, of any length (`==` with a `TokenLiteral` takes at most 16 bytes).
    func spells(_ token: Token, _ word: StaticString) -> Bool {
        guard token.byteCount == word.utf8CodeUnitCount else { return false }
        if token.byteCount <= TokenKey.capacity { return token.key == TokenLiteral(stringLiteral: word).key }
        return hasPrefix(token, word)
    }

    /// Whether a token's text starts with `prefix`.
    func hasPrefix(_ token: Token, _ prefix: StaticString) -> Bool {
        guard token.byteCount >= prefix.utf8CodeUnitCount else { return false }
        let range = token.range
        return withBytes(of: token) { bytes in
            guard bytes.count == range.count else { return false }
            for at in 0..<prefix.utf8CodeUnitCount where bytes[at] != prefix.utf8Start[at] { return false }
            return true
        }
    }
}
