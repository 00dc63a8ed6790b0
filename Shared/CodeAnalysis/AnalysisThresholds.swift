/// Where the rules start to speak. Public so the service's docs, tests and clients name the same numbers.
public enum AnalysisThresholds {
    /// `complexity.cyclomatic`: a function whose cyclomatic complexity is above this (lizard's default warning is 15;
    /// 10 is McCabe's original limit).
    public static let cyclomaticComplexity = 10
    /// Above this the finding is `high` instead of `medium`.
    public static let cyclomaticComplexityHigh = 20
    /// `complexity.nesting` / architecture deep nesting: blocks nested this deep or deeper.
    public static let nesting = 5
    /// `architecture.long-function`: more lines than this.
    public static let functionLines = 60
    /// `architecture.too-many-parameters`: more parameters than this.
    public static let parameters = 5
    /// `architecture.god-file`: more lines than this, or more functions than `godFileFunctions`.
    public static let fileLines = 1000
    public static let godFileFunctions = 50
    /// `duplication.block`: repeated normalized code over at least this many lines.
    public static let duplicateLines = 6
    /// `docs.todo-density`: more TODO/FIXME markers than this per 100 code lines (and at least `todoMinimum` of them).
    public static let todoPer100Lines = 2.0
    public static let todoMinimum = 3
}
