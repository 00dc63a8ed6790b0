import Contracts
import Foundation
import Testing

/// The one rule for client text: what `check` refuses, the OpenAPI pattern refuses too.
@Suite("Text rule")
struct TextRuleTests {
    static let single = TextRule(length: 1...10, requiresContent: true)
    static let multi = TextRule(length: 0...20, lines: .multi)

    struct Sample: Sendable, CustomTestStringConvertible {
        var text: String
        var rule: TextRule
        var accepted: Bool
        var testDescription: String { "\(text.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: " ")) → \(accepted)" }
    }

    static let samples: [Sample] = [
        Sample(text: "Ada", rule: single, accepted: true),
        Sample(text: "a\u{0}b", rule: single, accepted: false),
        Sample(text: "a\u{7}", rule: single, accepted: false),
        Sample(text: "a\u{1B}[31m", rule: single, accepted: false),
        Sample(text: "a\u{7F}", rule: single, accepted: false),
        Sample(text: "a\u{85}", rule: single, accepted: false),
        Sample(text: "a\u{9F}", rule: single, accepted: false),
        Sample(text: "tab\there", rule: single, accepted: false),
        Sample(text: "new\nline", rule: single, accepted: false),
        Sample(text: "   ", rule: single, accepted: false),
        Sample(text: "\u{3000}\u{A0}", rule: single, accepted: false),
        Sample(text: "", rule: single, accepted: false),
        Sample(text: "0123456789", rule: single, accepted: true),
        Sample(text: "0123456789x", rule: single, accepted: false),
        // Ten scalars, fewer characters: e + combining accent counts twice, as JSON Schema counts it.
        Sample(text: "e\u{301}e\u{301}e\u{301}e\u{301}e\u{301}", rule: single, accepted: true),
        Sample(text: "e\u{301}e\u{301}e\u{301}e\u{301}e\u{301}e", rule: single, accepted: false),
        Sample(text: "🚀🚀", rule: single, accepted: true),
        Sample(text: "line one\nline two\r\n\tindented", rule: multi, accepted: false),  // 29 scalars > 20
        Sample(text: "one\ntwo\r\n\tthree", rule: multi, accepted: true),
        Sample(text: "one\u{0}", rule: multi, accepted: false),
        Sample(text: "one\u{B}", rule: multi, accepted: false),
        Sample(text: "", rule: multi, accepted: true),
    ]

    @Test(arguments: samples)
    func checkAndPatternAgree(_ sample: Sample) throws {
        let checked = (try? sample.rule.check(sample.text, "field")) != nil
        #expect(checked == sample.accepted)
        let pattern = try NSRegularExpression(pattern: sample.rule.pattern)
        let range = NSRange(sample.text.startIndex..., in: sample.text)
        let count = sample.text.unicodeScalars.count
        // The whole string must match: ICU's `$` also matches before a final line terminator, ECMA-262's does not.
        let matches = pattern.firstMatch(in: sample.text, range: range)?.range == range && sample.rule.length.contains(count)
        #expect(matches == sample.accepted, "pattern \(sample.rule.pattern)")
    }

    @Test func refusalsNameTheFieldAndTheCharacter() {
        #expect(throws: AppError.self) { try Self.single.check("a\u{0}", "displayName") }
        do {
            try Self.single.check("a\u{0}", "displayName")
        } catch {
            #expect(error.code == .validationFailed)
            #expect(error.details?["field"] == .string("displayName"))
            #expect(error.message.contains("U+0"))
        }
    }

    @Test func aLoneSurrogateNeverBecomesAString() {
        struct Body: Decodable { var name: String }
        #expect(throws: (any Error).self) { try JSONCoding.makeDecoder().decode(Body.self, from: Data(#"{"name":"\ud800"}"#.utf8)) }
    }

    @Test func emailCheckAndPatternAgree() throws {
        let pattern = try NSRegularExpression(pattern: Check.emailPattern)
        let cases: [(String, Bool)] = [
            ("ada@example.com", true), ("a@b.c", true), ("ada@localhost", false), ("ada@.com", false), ("ada@com.", false),
            ("a b@example.com", false), ("ada@@example.com", false), ("@example.com", false), ("ada\u{0}@example.com", false),
            ("ada@exa\u{A0}mple.com", false), (String(repeating: "a", count: 65) + "@example.com", false),
        ]
        for (email, valid) in cases {
            #expect(((try? Check.email(email)) != nil) == valid, "\(email)")
            let range = NSRange(email.startIndex..., in: email)
            let matches = pattern.firstMatch(in: email, range: range)?.range == range
            #expect(matches == valid, "pattern on \(email)")
        }
    }
}
