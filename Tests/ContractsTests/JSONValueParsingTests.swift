import Foundation
import Testing

@testable import Contracts

/// `JSONValue(parsing:)` must read what Foundation's `JSONDecoder` reads, to the same value, refuse what is not JSON
/// with the place it went wrong, and survive hostile text (deep nesting, huge numbers, broken UTF-8).
@Suite("JSON text parsed into a JSONValue")
struct JSONValueParsingTests {
    static func foundation(_ text: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    static func ours(_ text: String) throws -> JSONValue {
        try JSONValue(parsing: Array(text.utf8))
    }

    static let accepted = [
        "null", "true", "false", "0", "-0", "12", "-12.5", "1e3", "1E-3", "2.5e+10", "123456789012345678",
        "0.1", "1.7976931348623157e308", "5e-324", "\"\"", "\"plain\"", "\"é ü 漢字 🎉\"",
        #""esc \" \\ \/ \b \f \n \r \t""#, #""\u0041\u00e9\u6f22\ud83c\udf89""#, #""\u0000 inside""#,
        "[]", "{}", " [ 1 , 2 ,3 ] ", "\n\t{\r\n\"a\" : 1 }\n", #"{"a":{"b":[{"c":null},[]]},"d":"e"}"#,
        #"[[[[[[[[[[]]]]]]]]]]"#, #"{"k":[true,false,null,-1.25e-2,"s"]}"#,
    ]

    @Test(arguments: accepted)
    func readsWhatJSONDecoderReadsToTheSameValue(_ text: String) throws {
        #expect(try Self.ours(text) == (try Self.foundation(text)))
    }

    static let refused = [
        "", " ", "nul", "tru", "True", "01", "-", "1.", ".5", "1e", "1e+", "+1", "0x10", "NaN", "Infinity", "1e400",
        "-1e400", "[1,]", "[,1]", "[1 2]", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "{a:1}", "{'a':1}", "[", "]", "{",
        "\"open", "\"bad \\x escape\"", "\"\\u12\"", "\"\\u12G4\"", "\"\\ud83c\"", "\"\\udf89\"", "\"\\ud83c\\u0041\"",
        "\"tab\tinside\"", "\"newline\ninside\"", "1 2", "[] []", "{}x",
    ]

    @Test(arguments: refused)
    func refusesWhatIsNotJSON(_ text: String) throws {
        #expect(throws: JSONParseError.self) { try Self.ours(text) }
    }

    @Test func brokenUTF8InAStringIsRefused() throws {
        for bytes: [UInt8] in [[0x22, 0xFF, 0x22], [0x22, 0xC3, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22], [0x22, 0x61, 0x5C, 0x6E, 0xC0, 0xAF, 0x22]] {
            #expect(throws: JSONParseError.self) { try JSONValue(parsing: bytes) }
        }
    }

    @Test func errorsSayWhereTheyAre() throws {
        let error = try #require(throws: JSONParseError.self) { try Self.ours(#"{"a": [1, 2,, 3]}"#) }
        #expect(error.offset == 12)
        #expect(error.description.contains("byte 12"))
    }

    @Test func aRepeatedKeyKeepsItsLastValue() throws {
        #expect(try Self.ours(#"{"dup":1,"other":true,"dup":2}"#) == .object(["dup": .number(2), "other": .bool(true)]))
    }

    @Test func deepNestingIsRefusedPastTheLimitWithoutRecursion() throws {
        let depth = JSONValue.maximumDepth
        var nested = JSONValue.array([])
        for _ in 1..<depth { nested = .array([nested]) }
        let deepest = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        #expect(try Self.ours(deepest) == nested)
        let tooDeep = String(repeating: "[", count: depth + 1) + String(repeating: "]", count: depth + 1)
        #expect(throws: JSONParseError.self) { try Self.ours(tooDeep) }
        // Hostile: a hundred thousand openings, never closed.
        #expect(throws: JSONParseError.self) { try Self.ours(String(repeating: "{\"a\":[", count: 100_000)) }
    }

    /// Generated trees of every kind, written with `jsonText()` (and pretty-printed by JSONEncoder for the
    /// whitespace), read back to the same tree.
    @Test func generatedValuesSurviveTheirOwnText() throws {
        var generator = SystemRandomNumberGenerator()
        let pretty = JSONEncoder()
        pretty.outputFormatting = [.prettyPrinted, .sortedKeys]
        for _ in 0..<300 {
            let value = Self.randomValue(depth: 0, using: &generator)
            #expect(try JSONValue(parsing: value.jsonText()) == value)
            #expect(try JSONValue(parsing: Array(try pretty.encode(value))) == value)
        }
    }

    @Test func envelopesReadAsJSONDecoderReadsThem() throws {
        let envelope = EventEnvelope(
            type: "ai.analysis_completed", source: "ai", occurredAt: Date(timeIntervalSince1970: 1_765_000_000),
            subject: UUID().lowercasedString, actorId: UUID(),
            data: .object(["findingsByRule": .object(["sql-injection": .number(3)]), "language": .string("python")])
        )
        let text = envelope.jsonText()
        let viaTree = try EventEnvelope(json: text)
        #expect(viaTree == (try JSONCoding.makeDecoder().decode(EventEnvelope.self, from: Data(text))))
        #expect(viaTree == envelope)
    }

    static func randomValue(depth: Int, using generator: inout SystemRandomNumberGenerator) -> JSONValue {
        let kind = Int.random(in: 0..<(depth > 4 ? 4 : 6), using: &generator)
        switch kind {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &generator))
        case 2:
            let whole = Double(Int.random(in: -1_000_000...1_000_000, using: &generator))
            return .number(Bool.random(using: &generator) ? whole : Double.random(in: -1e6...1e6, using: &generator))
        case 3:
            let alphabet = Array("aé漢🎉\"\\/\n\t\u{1}\u{7F} xyz")
            return .string(String((0..<Int.random(in: 0...12, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }))
        case 4:
            return .array((0..<Int.random(in: 0...4, using: &generator)).map { _ in randomValue(depth: depth + 1, using: &generator) })
        default:
            var fields: [String: JSONValue] = [:]
            for index in 0..<Int.random(in: 0...4, using: &generator) {
                fields["k\(index)\(Bool.random(using: &generator) ? "é" : "")"] = randomValue(depth: depth + 1, using: &generator)
            }
            return .object(fields)
        }
    }
}
