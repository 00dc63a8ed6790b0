import Contracts

/// What `StructureAnalyzer` finds in one file: the input of the code-analysis, documentation, architecture and
/// test-generation rules.
public struct StructureReport: Codable, Sendable, Equatable {
    public var language: SourceLanguage
    public var lines: Int
    /// Lines with at least one code token.
    public var codeLines: Int
    /// Lines holding only comments (and whitespace).
    public var commentLines: Int
    public var blankLines: Int
    public var functions: [FunctionInfo]
    public var types: [TypeInfo]
    /// Deepest block nesting in the file (brackets of blocks, not of expressions).
    public var maxNesting: Int
    public var maxNestingLine: Int?
    public var duplicatedBlocks: [DuplicateBlock]
    /// `TODO`, `FIXME`, `XXX`, `HACK` markers in comments.
    public var todoCount: Int
    /// Lines of `import`/`require`/`#include` style dependencies.
    public var importCount: Int

    public init(
        language: SourceLanguage, lines: Int, codeLines: Int, commentLines: Int, blankLines: Int, functions: [FunctionInfo],
        types: [TypeInfo], maxNesting: Int, maxNestingLine: Int?, duplicatedBlocks: [DuplicateBlock], todoCount: Int,
        importCount: Int = 0
    ) {
        self.language = language
        self.lines = lines
        self.codeLines = codeLines
        self.commentLines = commentLines
        self.blankLines = blankLines
        self.functions = functions
        self.types = types
        self.maxNesting = maxNesting
        self.maxNestingLine = maxNestingLine
        self.duplicatedBlocks = duplicatedBlocks
        self.todoCount = todoCount
        self.importCount = importCount
    }

    /// The Contracts view for API responses: the file's complexity is the sum over its functions' decision points
    /// plus one (a file without functions counts as one path).
    public var metrics: CodeMetrics {
        let decisions = functions.reduce(0) { $0 + $1.cyclomaticComplexity - 1 }
        return CodeMetrics(
            lines: lines, functions: functions.count, maxNesting: maxNesting, commentLines: commentLines,
            blankLines: blankLines, cyclomaticComplexity: decisions + 1
        )
    }
}
