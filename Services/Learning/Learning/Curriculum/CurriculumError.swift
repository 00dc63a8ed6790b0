/// Why a curriculum file does not load, naming the entry: the service does not start with it.
public struct CurriculumError: Error, CustomStringConvertible, Equatable {
    /// Where in the file: `modules[3] (secure-coding-injection)`, `quizzes[0].questions[2]`, or `file`.
    public let entry: String
    public let message: String

    public init(_ entry: String, _ message: String) {
        self.entry = entry
        self.message = message
    }

    public var description: String { "curriculum entry \(entry): \(message)" }
}
