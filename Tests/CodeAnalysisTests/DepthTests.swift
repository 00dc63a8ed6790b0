import Contracts
import Foundation
import CodeAnalysis
import Testing

/// Input depth must never reach the call stack: 100 000 nested brackets are analyzed like any other file.
// Serialized: each case scans 200 000 characters, and a debug build running them all at once would take both cores
// from the rest of the test run for a minute.
@Suite("Deep nesting input", .serialized)
struct DepthTests {
    static let depth = 100_000

    static let inputs: [(String, String)] = [
        ("parentheses", String(repeating: "(", count: depth) + String(repeating: ")", count: depth)),
        ("brackets", String(repeating: "[", count: depth) + String(repeating: "]", count: depth)),
        ("braces", String(repeating: "{", count: depth) + String(repeating: "}", count: depth)),
        ("unbalanced openers", String(repeating: "({[", count: depth)),
        ("unbalanced closers", String(repeating: ")}]", count: depth)),
        ("Swift interpolations", String(repeating: "\"\\(", count: depth)),
        ("template literals", String(repeating: "`${", count: depth)),
        ("indentation", (0..<2_000).map { String(repeating: " ", count: $0) + "if x:" }.joined(separator: "\n")),
    ]

    /// Each input through the scanner it is a trap for (Python's, and the brace scanner with Swift's and with
    /// JavaScript's literals), and the parentheses and braces through every language.
    static let cases: [(String, String, SourceLanguage)] =
        inputs[0...4].flatMap { name, code in [SourceLanguage.swift, .python, .javascript].map { (name, code, $0) } }
        + [("Swift interpolations", inputs[5].1, .swift), ("template literals", inputs[6].1, .javascript), ("indentation", inputs[7].1, .python)]
        + [SourceLanguage.go, .java, .typescript].flatMap { [("parentheses", inputs[0].1, $0), ("braces", inputs[2].1, $0)] }

    @Test("every analyzer survives 100 000 nested brackets", arguments: cases)
    func survives(_ name: String, _ code: String, _ language: SourceLanguage) async {
        let (findings, report) = await Self.onAThread {
            (allFindings(code, language), StructureAnalyzer.analyze(SourceFile(code: code, language: language)))
        }
        #expect(report.lines >= 1, "\(name)")
        #expect(findings.allSatisfy { ($0.line ?? 1) >= 1 && ($0.line ?? 1) <= report.lines })
    }

    @Test("deep braces are measured, not feared")
    func measured() async {
        let code = "func f() {" + String(repeating: "{", count: Self.depth) + String(repeating: "}", count: Self.depth) + "}"
        let report = await Self.onAThread { StructureAnalyzer.analyze(SourceFile(code: code, language: .swift)) }
        #expect(report.functions.count == 1)
        #expect(report.functions.first?.maxNesting == Self.depth)
        #expect(CodeAnalysisRules.findings(report).contains { $0.ruleId == .deepNesting })
    }

    /// Seconds of CPU per case in a debug build: off Swift's cooperative pool (two threads here), so the rest of the
    /// test run — tests with lock TTLs of seconds among them — keeps running meanwhile.
    static func onAThread<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: work()) }.start()
        }
    }
}
