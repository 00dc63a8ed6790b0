import CodeAnalysis
import Contracts
import Testing

/// The rules on fixed reports: thresholds are where the documentation says they are.
@Suite("Rules on fixed inputs")
struct RuleTests {
    func function(
        _ name: String = "f", line: Int = 3, length: Int = 10, parameters: [String] = [], complexity: Int = 1,
        nesting: Int = 0, isPublic: Bool = true, documented: Bool = true, signature: String = "func f()"
    ) -> FunctionInfo {
        FunctionInfo(
            name: name, startLine: line, endLine: line + length - 1, parameters: parameters, cyclomaticComplexity: complexity,
            maxNesting: nesting, isPublic: isPublic, isDocumented: documented, signature: signature
        )
    }

    func report(functions: [FunctionInfo] = [], types: [TypeInfo] = [], lines: Int = 100, duplicates: [DuplicateBlock] = [], todos: Int = 0, nesting: Int = 0) -> StructureReport {
        StructureReport(
            language: .swift, lines: lines, codeLines: lines, commentLines: 0, blankLines: 0, functions: functions, types: types,
            maxNesting: nesting, maxNestingLine: nesting > 0 ? 7 : nil, duplicatedBlocks: duplicates, todoCount: todos
        )
    }

    func rules(_ findings: [Finding]) -> [RuleID] { findings.compactMap(\.ruleId) }

    @Test("complexity: above 10 is medium, above 20 high, 10 is fine")
    func complexity() {
        #expect(CodeAnalysisRules.findings(report(functions: [function(complexity: 10)])).isEmpty)
        let medium = CodeAnalysisRules.findings(report(functions: [function(complexity: 11)]))
        #expect(rules(medium) == [.cyclomaticComplexity] && medium.first?.severity == .medium && medium.first?.line == 3)
        #expect(CodeAnalysisRules.findings(report(functions: [function(complexity: 21)])).first?.severity == .high)
        #expect(medium.first?.agent == "code-analysis")
    }

    @Test("nesting: five levels are reported, four are not")
    func nesting() {
        #expect(CodeAnalysisRules.findings(report(functions: [function(nesting: 4)])).isEmpty)
        #expect(rules(CodeAnalysisRules.findings(report(functions: [function(nesting: 5)]))) == [.deepNesting])
        // Nesting outside any function still counts.
        let topLevel = CodeAnalysisRules.findings(report(nesting: 6))
        #expect(rules(topLevel) == [.deepNesting] && topLevel.first?.line == 7)
    }

    @Test("duplicates: one finding per block, at the second copy")
    func duplicates() {
        let findings = CodeAnalysisRules.findings(report(duplicates: [DuplicateBlock(firstLine: 10, secondLine: 40, length: 8)]))
        #expect(rules(findings) == [.duplicatedBlock] && findings.first?.line == 40)
    }

    @Test("duplicated blocks are found in code")
    func duplicateFinder() {
        let block = (1...7).map { "    let value\($0) = compute(input, \($0)) + offset * scale" }.joined(separator: "\n")
        let code = "func a() {\n\(block)\n}\n\nfunc b() {\n\(block)\n}\n"
        let report = StructureAnalyzer.analyze(SourceFile(code: code, language: .swift))
        // The seven lines and the closing brace after them.
        #expect(report.duplicatedBlocks == [DuplicateBlock(firstLine: 2, secondLine: 12, length: 8)])
    }

    @Test("architecture: long functions, parameters, god files")
    func architecture() {
        let file = SourceFile(code: "", language: .swift)
        #expect(ArchitectureRules.findings(report(functions: [function(length: 60, parameters: Array(repeating: "p", count: 5))]), file).isEmpty)
        let smells = ArchitectureRules.findings(report(functions: [function(length: 61, parameters: Array(repeating: "p", count: 6))], lines: 1001), file)
        #expect(Set(rules(smells)) == [.longFunction, .tooManyParameters, .godFile])
        #expect(smells.allSatisfy { $0.agent == "architecture" })
        #expect(ArchitectureRules.findings(report(functions: [function(length: 121)]), file).first?.severity == .high)
    }

    @Test("architecture: I/O inside a loop body, not before it", arguments: [
        (SourceLanguage.python, "rows = cursor.execute('SELECT 1')\nfor user in users:\n    cursor.execute('SELECT 2', (user,))\n", 3),
        (.javascript, "for (const id of ids) {\n  await fetch(url + id)\n}\n", 2),
        (.go, "for _, id := range ids {\n\trows, _ := db.Query(\"SELECT 1\", id)\n\t_ = rows\n}\n", 2),
        (.swift, "while let id = ids.next() {\n    let data = try Data(contentsOf: url)\n    _ = FileManager.default.contents(atPath: id)\n}\n", 2),
    ])
    func ioInLoop(_ language: SourceLanguage, _ code: String, _ line: Int) {
        let file = SourceFile(code: code, language: language)
        let findings = ArchitectureRules.findings(StructureAnalyzer.analyze(file), file).filter { $0.ruleId == .ioInLoop }
        #expect(findings.map(\.line) == [line])
    }

    @Test("documentation: undocumented public API, private and documented API are fine")
    func documentation() {
        let file = SourceFile(code: "", language: .swift)
        let findings = DocumentationRules.findings(report(
            functions: [function("open", documented: false), function("hidden", isPublic: false, documented: false), function("known")],
            types: [TypeInfo(name: "T", line: 1, isPublic: true, isDocumented: false)]
        ), file)
        #expect(findings.map(\.line) == [1, 3])
        #expect(rules(findings) == [.undocumentedPublic, .undocumentedPublic])
        #expect(findings.first?.severity == .medium)
    }

    @Test("documentation: TODO density needs three markers and more than two per 100 lines")
    func todoDensity() {
        let file = SourceFile(code: "", language: .swift)
        #expect(DocumentationRules.findings(report(lines: 100, todos: 2), file).isEmpty)
        #expect(DocumentationRules.findings(report(lines: 200, todos: 4), file).isEmpty)
        #expect(rules(DocumentationRules.findings(report(lines: 100, todos: 3), file)) == [.todoDensity])
        let code = (1...10).map { "x\($0) = 1  # TODO: fix \($0)" }.joined(separator: "\n")
        let parsed = StructureAnalyzer.analyze(SourceFile(code: code, language: .python))
        #expect(parsed.todoCount == 10)
        #expect(DocumentationRules.findings(parsed, SourceFile(code: code, language: .python)).first?.line == 1)
    }

    @Test("documentation is recognised per language", arguments: [
        (SourceLanguage.swift, "/// Adds.\npublic func add(a: Int) -> Int { a }\npublic func sub(a: Int) -> Int { -a }\n"),
        (.python, "def add(a):\n    \"\"\"Adds.\"\"\"\n    return a\ndef sub(a):\n    return -a\n"),
        (.javascript, "/** Adds. */\nexport function add (a) { return a }\nexport function sub (a) { return -a }\n"),
        (.go, "// Add adds.\nfunc Add(a int) int { return a }\nfunc Sub(a int) int { return -a }\n"),
        (.java, "public class C {\n    /** Adds. */\n    public int add(int a) { return a; }\n    public int sub(int a) { return -a; }\n}\n"),
    ])
    func documented(_ language: SourceLanguage, _ code: String) {
        let report = StructureAnalyzer.analyze(SourceFile(code: code, language: language))
        let byName = Dictionary(report.functions.map { ($0.name.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
        #expect(byName["add"]?.isDocumented == true)
        #expect(byName["add"]?.isPublic == true)
        #expect(byName["sub"]?.isDocumented == false)
    }

    @Test("test generation: proposals from the signature, in the language's naming")
    func testGeneration() {
        let report = StructureAnalyzer.analyze(SourceFile(code: """
        /// Repeats a name.
        public func repeatName(name: String, count: Int, upper: Bool) throws -> [String] {
            guard count >= 0 else { throw E.negative }
            return Array(repeating: upper ? name.uppercased() : name, count: count)
        }
        func hidden() {}
        """, language: .swift))
        let proposals = TestGeneration.proposals(report.functions, language: .swift)
        #expect(proposals.count == 1)
        let proposal = proposals[0]
        #expect(proposal.function == "repeatName" && proposal.line == 2)
        #expect(proposal.name == "testRepeatNameHandlesEdgeCases")
        #expect(proposal.inputs == ["name: \"example\"", "count: 1", "upper: true"])
        #expect(proposal.edgeCases.contains("`name` empty") && proposal.edgeCases.contains("`count` negative"))
        #expect(proposal.edgeCases.contains("the error it throws on invalid input"))
        let findings = TestGeneration.findings(proposals)
        #expect(findings.map(\.ruleId) == [.missingTests] && findings.first?.type == .suggestion && findings.first?.agent == "test-generation")
        let python = TestGeneration.proposals([function("parse_file", parameters: ["path"])], language: .python)
        #expect(python.first?.name == "test_parse_file_handles_edge_cases")
        #expect(TestGeneration.proposals([function("Parse")], language: .go).first?.name == "TestParse")
    }

    @Test("language detection from content", arguments: [
        ("import Foundation\nstruct A { let x: Int }\nfunc f() -> Int { guard let y = z else { return 0 } }", SourceLanguage.swift),
        ("def f(self):\n    if x:\n        pass\n    elif y:\n        return None\n", .python),
        ("const fs = require('fs')\nmodule.exports = function () { console.log('x') }\n", .javascript),
        ("export type A = { a: string }\nexport function f(a: number): string { return '' }\n", .typescript),
        ("package main\n\nimport \"fmt\"\n\nfunc main() {\n\tx := 1\n\tfmt.Println(x)\n}\n", .go),
        ("import java.util.List;\npublic class A {\n    public static void main(String[] args) { System.out.println(1); }\n}\n", .java),
    ])
    func detection(_ code: String, _ language: SourceLanguage) {
        #expect(SourceLanguage.detect(code) == language)
    }

    @Test("detection is nil when nothing is distinctive")
    func detectionUnsure() {
        #expect(SourceLanguage.detect("") == nil)
        #expect(SourceLanguage.detect("hello world") == nil)
    }

    @Test("metrics for the API: lines, functions, nesting, complexity")
    func metrics() {
        let report = StructureAnalyzer.analyze(SourceFile(code: "// c\n\nfunc f(a: Bool) {\n    if a { print(1) }\n}\n", language: .swift))
        #expect(report.metrics == CodeMetrics(lines: 5, functions: 1, maxNesting: 1, commentLines: 1, blankLines: 1, cyclomaticComplexity: 2))
        #expect(report.codeLines == 3)
    }
}
