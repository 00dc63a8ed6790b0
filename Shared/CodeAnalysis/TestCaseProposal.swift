/// A test the test-generation agent proposes for one function, derived from its signature.
public struct TestCaseProposal: Codable, Sendable, Equatable {
    public var function: String
    /// A test name in the language's convention (`testParseRejectsEmptyInput`, `test_parse_rejects_empty_input`).
    public var name: String
    /// Example inputs, one per parameter (`name: ""`, `count: 0`…).
    public var inputs: [String]
    public var edgeCases: [String]
    public var line: Int

    public init(function: String, name: String, inputs: [String], edgeCases: [String], line: Int) {
        self.function = function
        self.name = name
        self.inputs = inputs
        self.edgeCases = edgeCases
        self.line = line
    }
}
