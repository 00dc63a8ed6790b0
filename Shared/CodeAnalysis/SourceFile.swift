import Foundation

/// Code scanned once by the shared, language-aware tokenizer; every analyzer reads these tokens, so a keyword
/// inside a string or a comment is never mistaken for code.
public struct SourceFile: Sendable {
    public let language: SourceLanguage
    /// Every token, comments and line breaks included.
    public let tokens: TokenList
    /// Lines of the code: a trailing line break does not start a new line; empty code has 0.
    public let lineCount: Int
    /// The code's lines, without their line breaks (for messages and signatures), made when asked for.
    public var lines: [Substring] { Self.lines(of: source) }
    /// The code as given.
    private let source: String
    /// Each line's leading indentation in columns (a space 1, a tab 8), by 0-based line index.
    let indentation: [Int]
    /// The tokens without comments and line breaks: what the analyzers walk.
    let code: TokenList
    /// Partners of the brackets in `code`.
    let matches: BracketMatches

    public init(code: String, language: SourceLanguage) {
        self.language = language
        self.source = code
        self.tokens = Tokenizer(language: language).tokenize(code)
        self.indentation = tokens.bytes.withUnsafeBufferPointer { Self.layout($0, bounds: false).indentation }
        self.lineCount = indentation.count
        self.code = tokens.filtered { $0.kind != .comment && $0.kind != .newline }
        self.matches = BracketMatches(self.code)
    }

    /// The text of one of its tokens.
    public func text(of token: Token) -> String { tokens.text(of: token) }

    /// Split at `\n` bytes, a `\r` before one dropped. On UTF-8 rather than on `Character`s: no grapheme breaking
    /// (which was a measurable share of an analysis), and `\r\n` — one `Character` — splits like `\n`.
    static func lines(of code: String) -> [Substring] {
        // Byte offsets first, read in place; then one index per line (`String.Index` walking was the cost).
        let bounds = ASCIIText.withBytes(code) { layout($0, bounds: true).bounds }
        let utf8 = code.utf8
        var lines: [Substring] = []
        lines.reserveCapacity(bounds.count)
        var index = utf8.startIndex
        var offset = 0
        for (start, end) in bounds {
            let lower = utf8.index(index, offsetBy: start - offset)
            let upper = utf8.index(lower, offsetBy: end - start)
            lines.append(code[lower..<upper])
            index = lower
            offset = start
        }
        return lines
    }

    /// Each line's indentation and, when asked, its byte range without the line break, in one pass.
    static func layout(_ bytes: UnsafeBufferPointer<UInt8>, bounds wanted: Bool) -> (indentation: [Int], bounds: [(start: Int, end: Int)]) {
        var bounds: [(start: Int, end: Int)] = []
        var indentation: [Int] = []
        guard let base = bytes.baseAddress else { return ([], []) }
        var start = 0
        while start < bytes.count {
            var indent = 0
            var at = start
            while at < bytes.count, bytes[at] == UInt8(ascii: " ") || bytes[at] == UInt8(ascii: "\t") {
                indent += bytes[at] == UInt8(ascii: " ") ? 1 : 8
                at += 1
            }
            indentation.append(indent)
            // memchr: the line breaks of a whole file, found a word at a time.
            guard let found = memchr(base + at, Int32(UInt8(ascii: "\n")), bytes.count - at) else {
                if wanted { bounds.append((start, bytes[bytes.count - 1] == UInt8(ascii: "\r") ? bytes.count - 1 : bytes.count)) }
                break
            }
            let newline = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            if wanted { bounds.append((start, newline > start && bytes[newline - 1] == UInt8(ascii: "\r") ? newline - 1 : newline)) }
            start = newline + 1
        }
        return (indentation, bounds)
    }

    /// The indentation of a 1-based line (0 past the end).
    func indentation(ofLine line: Int) -> Int {
        line >= 1 && line <= indentation.count ? indentation[line - 1] : 0
    }
}
