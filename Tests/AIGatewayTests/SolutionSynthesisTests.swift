import AIGateway
import CodeAnalysis
import Contracts
import Foundation
import Testing

/// The synthesis rules on fixed contributions.
@Suite("Solution synthesis")
struct SolutionSynthesisTests {
    let board = UUID(uuidString: "00000000-0000-0000-0000-0000000000b0")!
    let at = Date(timeIntervalSince1970: 1_800_000_000)

    func contribution(_ source: String, _ type: KnowledgeType, _ confidence: Double, _ data: JSONValue) -> Contribution {
        Contribution(id: UUID(), source: source, type: type, confidence: confidence, data: data, timestamp: at)
    }

    func finding(_ agent: String, _ severity: Severity, _ confidence: Double, line: Int?, rule: RuleID?, _ message: String) throws -> Contribution {
        let finding = Finding(agent: agent, type: .warning, severity: severity, message: message, line: line, confidence: confidence, ruleId: rule)
        return contribution(agent, .warning, confidence, try AgentPayload.finding(finding).json())
    }

    @Test func noContributionsSaysSoWithConfidenceZero() {
        let result = SolutionSynthesis.synthesize(blackboardId: board, contributions: [])
        #expect(result.solution.confidence == 0)
        #expect(result.solution.contributors.isEmpty)
        #expect(result.solution.recommendations.isEmpty)
        #expect(result.findings.isEmpty)
        #expect(result.solution.summary.contains("no contributions"))
    }

    @Test func duplicatesMergeKeepingTheMostSevereAndTheHighestConfidence() throws {
        let contributions = [
            try finding("security", .high, 0.7, line: 4, rule: .sqlInjection, "SQL built by concatenation"),
            try finding("architecture", .critical, 0.5, line: 4, rule: .sqlInjection, "SQL from strings"),
            try finding("security", .high, 0.9, line: 9, rule: .sqlInjection, "SQL built by concatenation"),
        ]
        let result = SolutionSynthesis.synthesize(blackboardId: board, contributions: contributions)
        #expect(result.findings.count == 2)
        #expect(result.duplicatesRemoved == 1)
        let line4 = try #require(result.findings.first { $0.line == 4 })
        #expect(line4.severity == .critical)
        #expect(line4.agent == "architecture")
        #expect(line4.confidence == 0.7)
    }

    @Test func rankIsSeverityWeightTimesConfidence() throws {
        let contributions = [
            try finding("documentation", .low, 1.0, line: 1, rule: .undocumentedPublic, "undocumented"),  // 0.3
            try finding("security", .critical, 0.5, line: 20, rule: .hardcodedSecret, "secret"),  // 0.5
            try finding("architecture", .high, 0.9, line: 7, rule: .longFunction, "long"),  // 0.72
            try finding("code-analysis", .medium, 0.6, line: 3, rule: .deepNesting, "nested"),  // 0.3, more severe than low
        ]
        let result = SolutionSynthesis.synthesize(blackboardId: board, contributions: contributions)
        #expect(result.findings.map(\.message) == ["long", "secret", "nested", "undocumented"])
        #expect(result.solution.summary.contains("Most urgent: long (line 7)"))
        #expect(result.solution.recommendations.first == "Long function: long (line 7)")
    }

    @Test func confidenceIsTheSeverityWeightedMean() throws {
        let contributions = [
            try finding("security", .critical, 1.0, line: 1, rule: .eval, "a"),  // weight 1.0
            try finding("documentation", .info, 0.0, line: 2, rule: .todoDensity, "b"),  // weight 0.1
        ]
        let result = SolutionSynthesis.synthesize(blackboardId: board, contributions: contributions)
        #expect(abs(result.solution.confidence - 1.0 / 1.1) < 1e-12)
    }

    @Test func withoutFindingsConfidenceIsTheMeanOfTheContributions() {
        let contributions = [
            contribution("alice", .insight, 0.2, .string("free text")),
            contribution("bob", .analysis, 0.6, .object(["note": .string("no message field")])),
        ]
        let result = SolutionSynthesis.synthesize(blackboardId: board, contributions: contributions)
        #expect(result.findings.isEmpty)
        #expect(abs(result.solution.confidence - 0.4) < 1e-12)
        #expect(result.solution.contributors == ["alice", "bob"])
    }

    @Test func outsideKnowledgeWithAMessageIsAFinding() {
        let contributions = [
            contribution("reviewer", .warning, 0.8, .object(["message": .string("Race on the cache"), "line": .number(12), "severity": .string("high")])),
            contribution("reviewer", .suggestion, 0.5, .object(["message": .string("Rename x")])),
        ]
        let result = SolutionSynthesis.synthesize(blackboardId: board, contributions: contributions)
        #expect(result.findings.map(\.message) == ["Race on the cache", "Rename x"])
        #expect(result.findings[0].severity == .high)
        #expect(result.findings[0].line == 12)
        #expect(result.findings[1].severity == .low)
        #expect(result.findings[1].agent == "reviewer")
    }

    @Test func recommendationsGroupByRuleAndMentionProposedTests() throws {
        let proposals = [TestCaseProposal(function: "add", name: "testAdd", inputs: ["a: 0"], edgeCases: ["overflow"], line: 1)]
        let contributions = [
            try finding("security", .high, 0.9, line: 4, rule: .sqlInjection, "SQL by concatenation"),
            try finding("security", .high, 0.8, line: 9, rule: .sqlInjection, "SQL by interpolation"),
            contribution("test-generation", .suggestion, 0.6, try AgentPayload.testProposals(proposals).json()),
        ]
        let result = SolutionSynthesis.synthesize(blackboardId: board, contributions: contributions)
        #expect(result.solution.recommendations == [
            "SQL injection: SQL by concatenation (lines 4, 9)",
            "Add tests: 1 proposed case, e.g. testAdd.",
        ])
        #expect(result.solution.contributors == ["security", "test-generation"])
    }

    @Test func metricsComeFromTheCodeAnalysisStructureReport() throws {
        let theirs = StructureReport(
            language: .go, lines: 99, codeLines: 90, commentLines: 5, blankLines: 4, functions: [], types: [], maxNesting: 1,
            maxNestingLine: nil, duplicatedBlocks: [], todoCount: 0
        )
        var ours = theirs
        ours.lines = 10
        let contributions = [
            contribution("code-analysis", .analysis, 0.95, try AgentPayload.structure(ours).json()),
            contribution("someone", .analysis, 0.5, try AgentPayload.structure(theirs).json()),
        ]
        let result = SolutionSynthesis.synthesize(blackboardId: board, contributions: contributions)
        #expect(result.metrics?.lines == 10)
    }
}
