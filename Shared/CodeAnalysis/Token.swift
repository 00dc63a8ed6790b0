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

/// One token of a `SourceFile`, with the 1-based line it starts on.
public struct Token: Sendable, Equatable {
    public let kind: TokenKind
    public let text: String
    public let line: Int
    /// The line the token ends on (differs from `line` for multi-line strings and block comments).
    public let endLine: Int
    /// A string literal with interpolation or template substitutions in it.
    public let isInterpolated: Bool
    /// Whitespace, a line start or a comment comes right before it (Swift tells a ternary `a ? b : c` from a
    /// postfix `a?` by it, as lizard does).
    public let spaceBefore: Bool
    // The code inside an interpolated literal is not stored here: `Tokenizer.interpolations(of:)` scans it again
    // from `text` when it is needed (Python f-strings' conditions). An array per token was a retain and a release
    // on every one of the many copies the analyzers make.

    public init(
        kind: TokenKind, text: String, line: Int, endLine: Int? = nil, isInterpolated: Bool = false, spaceBefore: Bool = true
    ) {
        self.kind = kind
        self.text = text
        self.line = line
        self.endLine = endLine ?? line
        self.isInterpolated = isInterpolated
        self.spaceBefore = spaceBefore
    }
}
