import Foundation
import Testing
import Contracts

@Suite("AI gateway request validation")
struct AIValidationTests {
    /// The AI gateway's code limit, 256 KiB (`AIRules.maxCodeBytes`), stricter than the 1 MiB body cap.
    static let limit = 262_144

    static let analyzeCases: [ValidationCase] = [
        .valid("code only", AnalyzeCodeRequest(code: "print(1)")),
        .valid("code, language and context", AnalyzeCodeRequest(code: "print(1)", language: "swift", context: "a script")),
        .valid("code of 256 KiB", AnalyzeCodeRequest(code: text(limit))),
        .invalid("code of 256 KiB + 1 byte", AnalyzeCodeRequest(code: text(limit + 1)), field: "code"),
        .invalid("code over 256 KiB by multi-byte characters", AnalyzeCodeRequest(code: text(limit / 2 + 1, "é")), field: "code"),
        .invalid("code with NUL", AnalyzeCodeRequest(code: "x\u{0}y"), field: "code"),
        .invalid("empty code", AnalyzeCodeRequest(code: ""), field: "code"),
        .invalid("blank code", AnalyzeCodeRequest(code: "\n\n"), field: "code"),
        .valid("language of 50 characters", AnalyzeCodeRequest(code: "x", language: text(50))),
        .invalid("language of 51 characters", AnalyzeCodeRequest(code: "x", language: text(51)), field: "language"),
        .valid("context of 10 000 characters", AnalyzeCodeRequest(code: "x", context: text(10_000))),
        .invalid("context of 10 001 characters", AnalyzeCodeRequest(code: "x", context: text(10_001)), field: "context"),
    ]

    @Test("AnalyzeCodeRequest", arguments: analyzeCases)
    func analyze(_ testCase: ValidationCase) { check(testCase) }

    static let suggestionCases: [ValidationCase] = [
        .valid("code only", SuggestionsRequest(code: "x")),
        .valid("goal of 2000 characters", SuggestionsRequest(code: "x", goal: text(2000))),
        .invalid("goal of 2001 characters", SuggestionsRequest(code: "x", goal: text(2001)), field: "goal"),
        .invalid("empty code", SuggestionsRequest(code: ""), field: "code"),
        .invalid("code of 256 KiB + 1 byte", SuggestionsRequest(code: text(limit + 1)), field: "code"),
    ]

    @Test("SuggestionsRequest", arguments: suggestionCases)
    func suggestions(_ testCase: ValidationCase) { check(testCase) }

    static let blackboardCases: [ValidationCase] = [
        .valid("code only", CreateBlackboardRequest(problem: BlackboardProblem(code: "x"))),
        .valid("context only", CreateBlackboardRequest(problem: BlackboardProblem(context: "why is it slow?"))),
        .valid("both", CreateBlackboardRequest(problem: BlackboardProblem(code: "x", context: "y"))),
        .invalid("neither", CreateBlackboardRequest(problem: BlackboardProblem()), field: "problem"),
        .invalid("blank code and no context", CreateBlackboardRequest(problem: BlackboardProblem(code: "  ")), field: "problem"),
        .invalid("empty code beside a context", CreateBlackboardRequest(problem: BlackboardProblem(code: "", context: "why")), field: "problem.code"),
        .invalid("blank code beside a context", CreateBlackboardRequest(problem: BlackboardProblem(code: " \n ", context: "why")), field: "problem.code"),
        .invalid(
            "code of 256 KiB + 1 byte", CreateBlackboardRequest(problem: BlackboardProblem(code: text(limit + 1))), field: "problem.code"
        ),
        .valid("context of 10 000 characters", CreateBlackboardRequest(problem: BlackboardProblem(context: text(10_000)))),
        .invalid(
            "context of 10 001 characters", CreateBlackboardRequest(problem: BlackboardProblem(context: text(10_001))),
            field: "problem.context"
        ),
    ]

    @Test("CreateBlackboardRequest", arguments: blackboardCases)
    func blackboard(_ testCase: ValidationCase) { check(testCase) }

    static let knowledgeCases: [ValidationCase] = {
        func knowledge(source: String = "security", confidence: Double = 0.5) -> Knowledge {
            Knowledge(source: source, type: .insight, confidence: confidence, data: .object(["note": .string("x")]))
        }
        return [
            .valid("confidence 0", knowledge(confidence: 0)),
            .valid("confidence 1", knowledge(confidence: 1)),
            .invalid("confidence just below 0", knowledge(confidence: -0.000_001), field: "confidence"),
            .invalid("confidence just above 1", knowledge(confidence: 1.000_001), field: "confidence"),
            .invalid("confidence NaN", knowledge(confidence: .nan), field: "confidence"),
            .invalid("confidence infinite", knowledge(confidence: .infinity), field: "confidence"),
            .valid("source of 1 character", knowledge(source: "s")),
            .valid("source of 100 characters", knowledge(source: text(100))),
            .invalid("source of 101 characters", knowledge(source: text(101)), field: "source"),
            .invalid("empty source", knowledge(source: ""), field: "source"),
            .invalid("source with a tab", knowledge(source: "a\tb"), field: "source"),
        ]
    }()

    @Test("Knowledge", arguments: knowledgeCases)
    func knowledge(_ testCase: ValidationCase) { check(testCase) }

    static let messageCases: [ValidationCase] = [
        .valid("1 character", SendMessageRequest(content: "?")),
        .valid("32 000 characters", SendMessageRequest(content: text(32_000))),
        .invalid("32 001 characters", SendMessageRequest(content: text(32_001)), field: "content"),
        .invalid("empty", SendMessageRequest(content: ""), field: "content"),
        .invalid("blank", SendMessageRequest(content: " \n "), field: "content"),
    ]

    @Test("SendMessageRequest", arguments: messageCases)
    func message(_ testCase: ValidationCase) { check(testCase) }
}
