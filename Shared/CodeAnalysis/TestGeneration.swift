import Foundation
import Contracts

/// The `test-generation` agent: test cases proposed from public functions' signatures (name, parameters and
/// their spelled types), in the language's naming convention, and a `tests.missing` suggestion per function.
public enum TestGeneration {
    public static let agent = "test-generation"
    /// Proposals for at most this many functions (the most complex first).
    public static let maximumFunctions = 20

    public static func proposals(_ functions: [FunctionInfo], language: SourceLanguage) -> [TestCaseProposal] {
        let candidates = functions.filter { $0.isPublic && !DocumentationRules.isAccessor($0.name) && !$0.name.hasPrefix("(") }
            .sorted { ($1.cyclomaticComplexity, $0.startLine) < ($0.cyclomaticComplexity, $1.startLine) }
            .prefix(maximumFunctions)
        return candidates.sorted { $0.startLine < $1.startLine }.map { function in
            let kinds = function.parameters.map { ParameterKind(name: $0, signature: function.signature) }
            var edgeCases = kinds.enumerated().flatMap { offset, kind in kind.edgeCases(function.parameters[offset]) }
            if function.cyclomaticComplexity > 1 {
                edgeCases.append("each of its \(function.cyclomaticComplexity) paths at least once")
            }
            if function.signature.containsBytes("throw") || function.signature.containsBytes("raise") || function.signature.containsBytes("error") {
                edgeCases.append("the error it throws on invalid input")
            }
            if edgeCases.isEmpty { edgeCases.append("the result for the documented typical call") }
            return TestCaseProposal(
                function: function.name, name: testName(function.name, language: language),
                inputs: zip(function.parameters, kinds).map { "\($0): \($1.example)" }, edgeCases: edgeCases, line: function.startLine
            )
        }
    }

    public static func findings(_ proposals: [TestCaseProposal]) -> [Finding] {
        proposals.map { proposal in
            Finding(
                agent: agent, type: .suggestion, severity: .info,
                message: "Test `\(proposal.name)` for `\(proposal.function)`: " + proposal.edgeCases.joined(separator: "; ") + ".",
                line: proposal.line, confidence: 0.6, ruleId: .missingTests
            )
        }
    }

    static func testName(_ function: String, language: SourceLanguage) -> String {
        // Most names are ASCII: kept letters, digits and `_` byte by byte, without Unicode properties per character.
        let cleaned = function.utf8.allSatisfy { $0 < 0x80 }
            ? String(decoding: function.utf8.filter { LineCounts.isWordByte($0) }, as: UTF8.self)
            : function.filter { $0.isLetter || $0.isNumber || $0 == "_" }
        let base = cleaned.isEmpty ? "operator" : cleaned
        switch language {
        case .python:
            return "test_" + snakeCase(base) + "_handles_edge_cases"
        case .go:
            return "Test" + base.prefix(1).uppercased() + base.dropFirst()
        case .swift, .java, .javascript, .typescript:
            return "test" + base.prefix(1).uppercased() + base.dropFirst() + "HandlesEdgeCases"
        }
    }

    static func snakeCase(_ name: String) -> String {
        if name.utf8.allSatisfy({ $0 < 0x80 }) {
            var out: [UInt8] = []
            out.reserveCapacity(name.utf8.count + 4)
            for byte in name.utf8 {
                let upper = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")
                if upper, !out.isEmpty, out.last != UInt8(ascii: "_") { out.append(UInt8(ascii: "_")) }
                out.append(upper ? byte | 0x20 : byte)
            }
            return String(decoding: out, as: UTF8.self)
        }
        var out = ""
        for character in name {
            if character.isUppercase, !out.isEmpty, out.last != "_" { out.append("_") }
            out.append(Character(character.lowercased()))
        }
        return out
    }
}

/// What a parameter probably is, from its name and the type spelled next to it in the signature.
enum ParameterKind {
    case text, number, collection, flag, optional, other

    init(name: String, signature: String) {
        let lower = name.lowercased()
        let type = Self.spelledType(of: name, in: signature).lowercased()
        if type.hasSuffix("?") || type.containsBytes("optional") || type.containsBytes("none") || type.containsBytes("null") {
            self = .optional
        } else if type.containsBytes("string") || type == "str" || lower.containsBytes("name") || lower.containsBytes("text") || lower.containsBytes("path") {
            self = .text
        } else if ["int", "double", "float", "number", "int64", "uint", "long"].contains(where: { type.containsBytes($0) }) || lower.containsBytes("count") || lower.containsBytes("size") || lower.hasSuffix("index") {
            self = .number
        } else if type.hasPrefix("[") || type.containsBytes("array") || type.containsBytes("list") || type.containsBytes("[]") || type.containsBytes("slice") || lower.hasSuffix("s") && lower.count > 3 {
            self = .collection
        } else if type.containsBytes("bool") || lower.hasPrefix("is") || lower.hasPrefix("has") || lower.hasPrefix("should") {
            self = .flag
        } else {
            self = .other
        }
    }

    /// The text after `name:` (Swift, Python, TypeScript), before it (Java, Go `name type`).
    static func spelledType(of name: String, in signature: String) -> String {
        guard let range = signature.rangeOfBytes(name + ":") ?? signature.rangeOfBytes(name + " :") else {
            guard let range = signature.rangeOfBytes(name + " ") else { return "" }
            return String(signature[range.upperBound...].prefix { $0 != "," && $0 != ")" })
        }
        var type = signature[range.upperBound...].drop { $0 == " " }.prefix { $0 != "," && $0 != ")" && $0 != "=" }
        while let last = type.last, last == " " || last == "\t" { type.removeLast() }
        return String(type)
    }

    var example: String {
        switch self {
        case .text: "\"example\""
        case .number: "1"
        case .collection: "[a, b]"
        case .flag: "true"
        case .optional: "nil/None"
        case .other: "a typical value"
        }
    }

    func edgeCases(_ name: String) -> [String] {
        switch self {
        case .text: ["`\(name)` empty", "`\(name)` with non-ASCII text"]
        case .number: ["`\(name)` zero", "`\(name)` negative", "`\(name)` at its maximum"]
        case .collection: ["`\(name)` empty", "`\(name)` with one element", "`\(name)` very large"]
        case .flag: ["`\(name)` true and false"]
        case .optional: ["`\(name)` absent"]
        case .other: []
        }
    }
}
