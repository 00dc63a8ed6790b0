import CodeAnalysis
import Contracts
import Testing

/// Every agent's findings for a file, as the AI gateway's agents produce them.
func allFindings(_ code: String, _ language: SourceLanguage) -> [Finding] {
    let file = SourceFile(code: code, language: language)
    let report = StructureAnalyzer.analyze(file)
    return CodeAnalysisRules.findings(report) + SecurityRules.findings(file) + DocumentationRules.findings(report, file)
        + ArchitectureRules.findings(report, file) + TestGeneration.findings(TestGeneration.proposals(report.functions, language: language))
}

@Suite("Fixture corpus: each language's samples are found on the right lines")
struct FixtureCorpusTests {
    static let vulnerable: [Fixture] = [
        SwiftFixtures.vulnerable, PythonFixtures.vulnerable, ScriptFixtures.javascript, ScriptFixtures.typescript,
        GoJavaFixtures.go, GoJavaFixtures.java,
    ]
    static let clean: [Fixture] = [
        SwiftFixtures.clean, PythonFixtures.clean, ScriptFixtures.cleanJavaScript, ScriptFixtures.cleanTypeScript,
        GoJavaFixtures.cleanGo, GoJavaFixtures.cleanJava,
    ]
    static let traps: [Fixture] = [SwiftFixtures.traps, PythonFixtures.traps, ScriptFixtures.traps]

    @Test("every expected finding is reported on its line", arguments: vulnerable)
    func expectedFindings(_ fixture: Fixture) {
        let findings = allFindings(fixture.code, fixture.language)
        #expect(fixture.expectations.count >= 5, "the sample covers SQL, a key, eval, nesting and docs")
        for expectation in fixture.expectations {
            let hit = findings.contains { $0.ruleId?.rawValue == expectation.rule && $0.line == expectation.line }
            #expect(hit, "\(fixture): no \(expectation.rule) on line \(expectation.line); got \(findings.map { "\($0.ruleId?.rawValue ?? "-")@\($0.line ?? 0)" })")
        }
    }

    @Test("the security findings of a vulnerable sample are high or critical and on marked lines only", arguments: vulnerable)
    func securityFindingsAreMarked(_ fixture: Fixture) {
        let marked = Set(fixture.expectations.map { "\($0.rule)@\($0.line)" })
        for finding in SecurityRules.findings(SourceFile(code: fixture.code, language: fixture.language)) {
            #expect(finding.severity >= .medium)
            #expect(marked.contains("\(finding.ruleId!.rawValue)@\(finding.line!)"), "\(fixture): unexpected \(finding)")
        }
    }

    @Test("the six-deep loop nest is measured as six levels", arguments: vulnerable)
    func nestingDepthOfWalk(_ fixture: Fixture) {
        let report = StructureAnalyzer.analyze(SourceFile(code: fixture.code, language: fixture.language))
        let walk = report.functions.first { $0.name.lowercased() == "walk" }
        #expect(walk?.maxNesting == 6, "\(fixture): \(report.functions.map { "\($0.name)=\($0.maxNesting)" })")
    }

    @Test("a clean sample has no high-severity finding", arguments: clean)
    func cleanSamplesHaveNoSeriousFinding(_ fixture: Fixture) {
        let serious = allFindings(fixture.code, fixture.language).filter { $0.severity >= .high }
        #expect(serious.isEmpty, "\(fixture): \(serious)")
        let report = StructureAnalyzer.analyze(SourceFile(code: fixture.code, language: fixture.language))
        #expect(!report.functions.isEmpty, "\(fixture) has functions to analyze")
    }

    @Test("calls spelled in strings and comments are not calls", arguments: traps)
    func trapsAreNoCalls(_ fixture: Fixture) {
        let findings = SecurityRules.findings(SourceFile(code: fixture.code, language: fixture.language))
        #expect(findings.isEmpty, "\(fixture): \(findings)")
    }
}
