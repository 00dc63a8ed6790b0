/// Code scanned once by the shared, language-aware tokenizer; every analyzer reads these tokens, so a keyword
/// inside a string or a comment is never mistaken for code.
public struct SourceFile: Sendable {
    public let language: SourceLanguage
    public let tokens: [Token]
    /// Lines of the code: a trailing line break does not start a new line; empty code has 0.
    public let lineCount: Int
    /// The code's lines, without their line breaks (for messages and signatures).
    public let lines: [Substring]
    /// The tokens without comments and line breaks: what the analyzers walk.
    let code: [Token]
    /// Partners of the brackets in `code`.
    let matches: BracketMatches

    public init(code: String, language: SourceLanguage) {
        self.language = language
        self.tokens = Tokenizer(language: language).tokenize(code)
        self.lines = Self.lines(of: code)
        self.lineCount = self.lines.count
        self.code = tokens.filter { $0.kind != .comment && $0.kind != .newline }
        self.matches = BracketMatches(self.code)
    }

    /// Split at `\n` bytes, a `\r` before one dropped. On UTF-8 rather than on `Character`s: no grapheme breaking
    /// (which was a measurable share of an analysis), and `\r\n` — one `Character` — splits like `\n`.
    static func lines(of code: String) -> [Substring] {
        // Byte offsets first, read in place; then one index per line (`String.Index` walking was the cost).
        var bounds: [(start: Int, end: Int)] = []
        ASCIIText.withBytes(code) { bytes in
            var start = 0
            for at in 0..<bytes.count where bytes[at] == UInt8(ascii: "\n") {
                bounds.append((start, at > start && bytes[at - 1] == UInt8(ascii: "\r") ? at - 1 : at))
                start = at + 1
            }
            if start < bytes.count {
                bounds.append((start, bytes[bytes.count - 1] == UInt8(ascii: "\r") ? bytes.count - 1 : bytes.count))
            }
        }
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
}
