/// Two places in a file whose normalized tokens agree over at least `DuplicateFinder.minimumLines` lines.
public struct DuplicateBlock: Codable, Sendable, Equatable {
    public var firstLine: Int
    public var secondLine: Int
    /// Lines of the repeated block.
    public var length: Int

    public init(firstLine: Int, secondLine: Int, length: Int) {
        self.firstLine = firstLine
        self.secondLine = secondLine
        self.length = length
    }
}
