/// One function (method, initializer, accessor, named or anonymous function) found in a file.
public struct FunctionInfo: Codable, Sendable, Equatable {
    public var name: String
    /// 1-based line of the declaration's first token.
    public var startLine: Int
    /// 1-based line of the body's last token.
    public var endLine: Int
    /// Lines from start to end, both included.
    public var length: Int
    public var parameters: [String]
    /// Decision points plus one, counted as `lizard` counts them (see `ComplexityRules`).
    public var cyclomaticComplexity: Int
    /// Deepest block nesting inside the body, relative to the function (its own body is 0).
    public var maxNesting: Int
    public var isPublic: Bool
    /// A doc comment (`///`, `/** */`, a docstring) belongs to it.
    public var isDocumented: Bool
    /// The declaration's text up to its body, whitespace collapsed.
    public var signature: String

    public init(
        name: String, startLine: Int, endLine: Int, parameters: [String], cyclomaticComplexity: Int, maxNesting: Int,
        isPublic: Bool, isDocumented: Bool, signature: String
    ) {
        self.name = name
        self.startLine = startLine
        self.endLine = endLine
        self.length = max(1, endLine - startLine + 1)
        self.parameters = parameters
        self.cyclomaticComplexity = cyclomaticComplexity
        self.maxNesting = maxNesting
        self.isPublic = isPublic
        self.isDocumented = isDocumented
        self.signature = signature
    }
}
