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
        var lines: [Substring] = []
        let utf8 = code.utf8
        var start = utf8.startIndex
        var at = utf8.startIndex
        while at != utf8.endIndex {
            if utf8[at] == UInt8(ascii: "\n") {
                var end = at
                if end > start, utf8[utf8.index(before: end)] == UInt8(ascii: "\r") { end = utf8.index(before: end) }
                lines.append(code[start..<end])
                start = utf8.index(after: at)
            }
            at = utf8.index(after: at)
        }
        if start != utf8.endIndex {
            var end = utf8.endIndex
            if utf8[utf8.index(before: end)] == UInt8(ascii: "\r") { end = utf8.index(before: end) }
            lines.append(code[start..<end])
        }
        return lines
    }
}
