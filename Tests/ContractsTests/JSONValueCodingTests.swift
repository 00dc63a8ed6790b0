import Foundation
import Testing
import Contracts

/// `JSONValueCoding` must give the tree that JSON text would: the same as encoding to bytes with `JSONCoding`'s
/// encoder and reading them back as a `JSONValue`, and decode that tree back to the value.
@Suite("JSONValue coding without JSON text")
struct JSONValueCodingTests {
    /// Every kind of member a synthesized or hand-written `Codable` produces.
    struct Everything: Codable, Equatable {
        enum Shape: Codable, Equatable {
            case circle(radius: Double)
            case labelled(String, [Int])
            case none
        }

        var text = "héllo \"quoted\"\n"
        var flag = true
        var whole = 42
        var negative: Int8 = -8
        var big: UInt64 = 1 << 40
        var fraction: Float = 0.5
        var ratio = 0.125
        var missing: String?
        var present: Int? = 3
        var date = Date(timeIntervalSince1970: 1_800_000_000)
        var id = UUID(uuidString: "E621E1F8-C36C-495A-93FC-0C247A3E6E5F")!
        var ids = [UUID(uuidString: "E621E1F8-C36C-495A-93FC-0C247A3E6E5F")!]
        var bytes = Data([0, 1, 2, 255])
        var link = URL(string: "https://example.com/a?b=c")!
        var table: [String: [Double]] = ["a": [1, 2.5], "b": []]
        var nested: [[String]] = [["x"], []]
        var shapes: [Shape] = [.circle(radius: 2), .labelled("l", [1, 2]), .none]
        var free: JSONValue = .object(["deep": .array([.null, .bool(false), .number(-1.5), .string("s")])])
        var freeNull: JSONValue = .null
    }

    static func viaText(_ value: some Encodable) throws -> JSONValue {
        try JSONCoding.makeDecoder().decode(JSONValue.self, from: JSONCoding.makeEncoder().encode(value))
    }

    @Test func everyKindOfMemberMatchesJSONText() throws {
        let value = Everything()
        let tree = try JSONValueCoding.encode(value)
        #expect(tree == (try Self.viaText(value)))
        #expect(try JSONValueCoding.decode(Everything.self, from: tree) == value)
        // And a tree parsed from text decodes the same.
        #expect(try JSONValueCoding.decode(Everything.self, from: Self.viaText(value)) == value)
    }

    @Test func theFleetsDTOsMatchJSONText() throws {
        let finding = Finding(agent: "security", type: .warning, severity: .high, message: "m", line: 3, confidence: 0.9, ruleId: .hardcodedSecret)
        #expect(try JSONValueCoding.encode(finding) == Self.viaText(finding))
        #expect(try JSONValueCoding.decode(Finding.self, from: JSONValueCoding.encode(finding)) == finding)
        #expect(try JSONValueCoding.encode(Fixture.analysis) == Self.viaText(Fixture.analysis))
        #expect(try JSONValueCoding.decode(CodeAnalysis.self, from: JSONValueCoding.encode(Fixture.analysis)) == Fixture.analysis)
        #expect(try JSONValueCoding.encode(Fixture.project) == Self.viaText(Fixture.project))
        #expect(try JSONValueCoding.decode(Project.self, from: JSONValueCoding.encode(Fixture.project)) == Fixture.project)
        let top: [String: Int] = ["a": 1]
        #expect(try JSONValueCoding.encode(top) == .object(["a": .number(1)]))
        #expect(try JSONValueCoding.encode("x") == .string("x"))
    }

    @Test func wrongShapesFailWithADecodingError() {
        #expect(throws: DecodingError.self) { try JSONValueCoding.decode(Finding.self, from: .array([])) }
        #expect(throws: DecodingError.self) { try JSONValueCoding.decode(Finding.self, from: .object(["agent": .string("a")])) }
        #expect(throws: DecodingError.self) { try JSONValueCoding.decode(Int.self, from: .number(1.5)) }
        #expect(throws: DecodingError.self) { try JSONValueCoding.decode(UInt8.self, from: .number(256)) }
        #expect(throws: DecodingError.self) { try JSONValueCoding.decode(String.self, from: .number(1)) }
        #expect(throws: DecodingError.self) { try JSONValueCoding.decode(Date.self, from: .string("yesterday")) }
        #expect(throws: DecodingError.self) { try JSONValueCoding.decode([Int].self, from: .object([:])) }
        #expect(throws: EncodingError.self) { try JSONValueCoding.encode(Double.nan) }
    }

    /// JSONValue's own decoding from text tries the commonest kinds first; every kind still comes back as itself.
    @Test func jsonTextDecodesToEveryKind() throws {
        let value = try JSONCoding.makeDecoder().decode(JSONValue.self, from: Data(#"[null, true, false, 0, -2.5, "1", "true", {"a": [{}]}, []]"#.utf8))
        #expect(value == .array([
            .null, .bool(true), .bool(false), .number(0), .number(-2.5), .string("1"), .string("true"), .object(["a": .array([.object([:])])]), .array([]),
        ]))
    }
}

@Suite("JSONValue as JSON text")
struct JSONValueTextTests {
    static func text(_ value: JSONValue) -> String { String(decoding: value.jsonText(), as: UTF8.self) }

    @Test func writesWhatJSONEncoderWrites() throws {
        let encoder = JSONCoding.makeEncoder()
        let values: [JSONValue] = [
            .null, .bool(true), .number(3), .number(-0.125), .number(1e20), .number(1e-7), .string(""),
            .string("quote \" backslash \\ slash / tab \t newline \n bell \u{07} é 😀"),
            .array([]), .object([:]),
            .object(["b": .array([.number(1), .null, .object(["z": .bool(false), "a": .string("x")])]), "a": .number(2.5)]),
        ]
        for value in values {
            let ours = value.jsonText()
            // Same bytes as JSONEncoder where the format is fixed; the same value back in every case.
            #expect(try JSONCoding.makeDecoder().decode(JSONValue.self, from: Data(ours)) == value)
            if case .number(let number) = value, number.magnitude >= 1e15 || number.magnitude < 1e-4 { continue }
            #expect(ours == Array(try encoder.encode(value)), "\(value)")
        }
        #expect(Self.text(.object(["b": .number(1), "a": .array([.string("x"), .null])])) == #"{"a":["x",null],"b":1}"#)
    }

    @Test func anEnvelopeReadsTheSameAsFromJSONEncoder() throws {
        let tree = try JSONValueCoding.encode(Fixture.analysis)
        #expect(try JSONCoding.makeDecoder().decode(CodeAnalysis.self, from: Data(tree.jsonText())) == Fixture.analysis)
        #expect(tree.jsonText() == Array(try JSONCoding.makeEncoder().encode(Fixture.analysis)))
    }

    @Test func nestedValuesCloseInOrder() throws {
        var value = JSONValue.null
        for _ in 0..<1_000 { value = .array([value, .object(["k": .number(1)])]) }
        let text = String(decoding: value.jsonText(), as: UTF8.self)
        #expect(text == String(repeating: "[", count: 1_000) + "null" + String(repeating: #",{"k":1}]"#, count: 1_000))
    }
}
