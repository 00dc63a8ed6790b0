import Foundation

/// Size and shape of analyzed code. docs/api.md names `lines`, `functions`, `maxNesting` and leaves room for more;
/// the rest are cheap to compute without parsing and feed the agents' heuristics.
public struct CodeMetrics: Codable, Sendable, Equatable {
    public var lines: Int
    public var functions: Int
    public var maxNesting: Int
    /// Lines holding only a comment.
    public var commentLines: Int
    /// Lines that are empty or whitespace.
    public var blankLines: Int
    /// Decision points (`if`, `for`, `while`, `case`, `catch`, `&&`, `||`, `?:`…) plus one.
    public var cyclomaticComplexity: Int

    public init(lines: Int, functions: Int, maxNesting: Int, commentLines: Int = 0, blankLines: Int = 0, cyclomaticComplexity: Int = 1) {
        self.lines = lines
        self.functions = functions
        self.maxNesting = maxNesting
        self.commentLines = commentLines
        self.blankLines = blankLines
        self.cyclomaticComplexity = cyclomaticComplexity
    }
}
