import Foundation
import Testing

@testable import Contracts

/// `JSONTextWritable` promises `JSONEncoder`'s bytes (`JSONCoding.makeEncoder()`); every conformance and every piece
/// of the writer is held to that here, on fixed edge cases and on generated values.
@Suite("Hand-written JSON text: the same bytes as JSONEncoder")
struct JSONTextTests {
    static let encoder = JSONCoding.makeEncoder()

    static func foundation(_ value: some Encodable) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func ours(_ value: some JSONTextWritable) -> String {
        String(decoding: value.jsonText(), as: UTF8.self)
    }

    /// One string in an array on both sides (`["…"]`), so the comparison is of the escaping alone.
    static func string(_ text: String) -> String {
        var writer = JSONTextWriter()
        writer.raw("[")
        writer.string(text)
        writer.raw("]")
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    @Test func everyASCIIByteIsEscapedAsFoundationEscapesIt() throws {
        for byte in UInt8(0)...UInt8(127) {
            let text = "a" + String(decoding: [byte], as: UTF8.self) + "b/"
            #expect(Self.string(text) == (try Self.foundation([text])), "byte \(byte)")
        }
        // Several escapes in a row, at the ends, and nothing to escape at all.
        for text in ["", "\"\\\"", "\n", "plain", "\u{1}\u{1f}\t\r\n\"", "ends with \\"] {
            #expect(Self.string(text) == (try Self.foundation([text])))
        }
    }

    @Test func nonASCIIIsWrittenAsItIs() throws {
        for text in ["é", "日本語", "👩‍💻 emoji", "\u{2028}\u{2029}", "\u{FEFF}bom", "\u{7F}\u{80}\u{FFFD}", "a\u{0}b"] {
            #expect(Self.string(text) == (try Self.foundation([text])))
        }
    }

    @Test func datesAreFoundationsISO8601() throws {
        var generator = SystemRandomNumberGenerator()
        var dates: [Date] = [
            Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: -1), Date(timeIntervalSince1970: -0.5),
            Date(timeIntervalSince1970: 951_782_400), // 2000-02-29
            Date(timeIntervalSince1970: 4_107_542_400), // 2100-03-01 (2100 is not a leap year)
            Date(timeIntervalSince1970: -2_208_988_800), // 1900-01-01
            Date(timeIntervalSince1970: -62_135_596_800), // 0001-01-01 (Julian in Foundation)
            Date(timeIntervalSince1970: -12_212_553_600), Date(timeIntervalSince1970: -12_212_553_600.5), // 1583-01-01
            Date(timeIntervalSince1970: 253_402_300_799.999), // 9999-12-31T23:59:59.999
            Date(timeIntervalSince1970: 1_796_000_000.999_9),
        ]
        for _ in 0..<5_000 {
            dates.append(Date(timeIntervalSince1970: Double.random(in: -62_135_596_800..<253_402_300_800, using: &generator)))
            dates.append(Date(timeIntervalSince1970: Double(Int.random(in: 0..<4_102_444_800, using: &generator))))
        }
        for date in dates {
            var writer = JSONTextWriter()
            writer.raw("[")
            writer.date(date)
            writer.raw("]")
            #expect(String(decoding: writer.bytes, as: UTF8.self) == (try Self.foundation([date])), "\(date.timeIntervalSince1970)")
        }
    }

    @Test func integersAreWrittenInFull() throws {
        for value in [0, 1, -1, 9, 10, -10, 1_234_567, Int.max, Int.min] {
            var writer = JSONTextWriter()
            writer.raw("[")
            writer.integer(value)
            writer.raw("]")
            #expect(String(decoding: writer.bytes, as: UTF8.self) == (try Self.foundation([value])))
        }
    }

    static func project(_ index: Int) -> Project {
        let names = ["Plain", "quote \" and \\ back", "tab\tline\nbreak", "日本語 ✓", "a/b <c> & 'd'", "x"]
        let collaborators = (0..<(index % 4)).map { _ in UUID() }
        let now = Date(timeIntervalSince1970: Double(1_796_000_000 + index * 3_607))
        return Project(
            id: UUID(), name: names[index % names.count], description: index % 3 == 0 ? "" : "about \(index)\u{1}",
            ownerId: UUID(), collaborators: collaborators, status: index % 5 == 0 ? .archived : .active,
            version: index * 7 + 1, createdAt: now, updatedAt: now.addingTimeInterval(0.75),
            lock: index % 2 == 0 ? nil : ProjectLock(holderId: UUID(), expiresAt: now.addingTimeInterval(300))
        )
    }

    @Test func projectsAndTheirLocks() throws {
        for index in 0..<200 {
            let project = Self.project(index)
            #expect(Self.ours(project) == (try Self.foundation(project)))
            if let lock = project.lock { #expect(Self.ours(lock) == (try Self.foundation(lock))) }
        }
    }

    @Test func pagesWithAndWithoutANextCursor() throws {
        let items = (0..<20).map(Self.project)
        for page in [Page(items: items, nextCursor: "v1.1796000000.\(UUID().lowercasedString)"), Page(items: [], nextCursor: nil)] {
            #expect(Self.ours(page) == (try Self.foundation(page)))
        }
    }

    @Test func jsonValueTextUsesTheSameEscaping() throws {
        let text = (0..<128).map { String(decoding: [UInt8($0)], as: UTF8.self) }.joined()
        let value = JSONValue.object(["s": .string(text)])
        #expect(String(decoding: value.jsonText(), as: UTF8.self) == (try Self.foundation(value)))
    }
    @Test func numbersAreWrittenAsJSONEncoderWritesDoubles() throws {
        var generator = SystemRandomNumberGenerator()
        var values: [Double] = [0, 1, 0.5, 0.95, 0.1, 1e-7, 0.000_01, 123_456.789, 1e15, 5e15, 9_999_999_999_999_998, 1e16, 2e16, 9_007_199_254_740_992, 9_007_199_254_740_994, -9_007_199_254_740_992, -1e15, -0.25, 2.0 / 3.0]
        for _ in 0..<2_000 { values.append(Double.random(in: 0...1, using: &generator)) }
        for value in values {
            var writer = JSONTextWriter()
            writer.raw("[")
            writer.number(value)
            writer.raw("]")
            #expect(String(decoding: writer.bytes, as: UTF8.self) == (try Self.foundation([value])), "\(value)")
        }
    }

    static func finding(_ index: Int) -> Finding {
        Finding(
            agent: ["code-analysis", "security", "docs"][index % 3], type: KnowledgeType.allCases[index % KnowledgeType.allCases.count],
            severity: Severity.allCases[index % Severity.allCases.count], message: "line \(index): \"eval(\" in\tcode",
            line: index % 4 == 0 ? nil : index, confidence: Double(index % 100) / 97,
            ruleId: index % 5 == 0 ? nil : RuleID.allCases[index % RuleID.allCases.count]
        )
    }

    @Test func analysesWithTheirFindingsMetricsAndSolution() throws {
        for count in [0, 1, 40] {
            let analysis = CodeAnalysis(
                id: UUID(), summary: "\(count) findings; \"quoted\" \\ and 日本語",
                metrics: CodeMetrics(lines: 491, functions: 23, maxNesting: 4, commentLines: 60, blankLines: 70, cyclomaticComplexity: count),
                findings: (0..<count).map(Self.finding),
                solution: Solution(
                    blackboardId: UUID(), summary: "s", recommendations: count == 0 ? [] : ["Split f", "a/b \n c"],
                    confidence: 0.8125, contributors: ["code-analysis", "security"]
                )
            )
            #expect(Self.ours(analysis) == (try Self.foundation(analysis)))
        }
    }

    @Test func problemsWithEveryFieldPresentOrNot() throws {
        let code = (0..<500).map { "    line \($0) = \"x\\y\"\t# \u{1}" }.joined(separator: "\n")
        for mask in 0..<8 {
            let problem = BlackboardProblem(
                code: mask & 1 == 0 ? nil : code, context: mask & 2 == 0 ? nil : "why / how", language: mask & 4 == 0 ? nil : "python"
            )
            #expect(Self.ours(problem) == (try Self.foundation(problem)))
        }
    }

    @Test func envelopesWithAndWithoutActorAndTrace() throws {
        let data: JSONValue = .object([
            "projectId": .string(UUID().lowercasedString), "name": .string("Café / \"quoted\"\n"), "version": .number(3),
            "ratio": .number(0.25), "audience": .array([.string(UUID().lowercasedString)]), "claim": .null, "archived": .bool(false),
            "nested": .object(["deep": .array([.object([:]), .array([]), .number(-1e300)])]),
        ])
        for mask in 0..<4 {
            let envelope = EventEnvelope(
                type: "project.updated", source: "projects", occurredAt: Date(timeIntervalSince1970: 1_765_000_000),
                subject: UUID().lowercasedString, actorId: mask & 1 == 0 ? nil : UUID(), data: data,
                traceparent: mask & 2 == 0 ? nil : "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"
            )
            #expect(Self.ours(envelope) == (try Self.foundation(envelope)))
        }
    }
}
