/// A configuration value that cannot be used. The message names the variable, what it must be and what it was,
/// so a start-up failure tells the operator exactly what to fix.
public struct ConfigError: Error, CustomStringConvertible, Sendable {
    public let variable: String
    public let problem: String

    public init(_ variable: String, _ problem: String) {
        self.variable = variable
        self.problem = problem
    }

    public var description: String { "configuration error: \(variable) \(problem)" }
}
