import CodeAnalysis
import Contracts
import Foundation

/// The built-in provider: no network, always there, last in the chain. Its suggestions and answers are built from
/// the agents' analysis of the code at hand (`LocalAnalyzer`) and the advice templates of `RuleAdvice`.
public struct LocalProvider: Sendable {
    public static let name = "local"
    let analyzer: LocalAnalyzer
    static let maxSuggestions = 20
    static let answerPoints = 5

    public init(analyzer: LocalAnalyzer) {
        self.analyzer = analyzer
    }

    public func suggestions(code: String, language: SourceLanguage, goal: String?) async throws -> [Suggestion] {
        let result = try await analyzer.analyze(BlackboardProblem(code: code, language: language.rawValue))
        let focus = Self.focus(of: goal)
        let ordered = result.findings.enumerated().sorted { a, b in
            let (fa, fb) = (Self.matches(a.element, focus), Self.matches(b.element, focus))
            return fa != fb ? fa : a.offset < b.offset
        }.map(\.element)
        return ordered.prefix(Self.maxSuggestions).map { finding in
            Suggestion(
                title: RuleAdvice.title(finding), detail: "\(finding.message) \(RuleAdvice.advice(finding.ruleId))",
                priority: RuleAdvice.priority(finding.severity), line: finding.line
            )
        }
    }

    /// The answer to the conversation's last user message, about the latest code in it.
    public func answer(_ messages: [ChatMessage]) async throws -> String {
        let question = messages.last(where: { $0.role == .user })?.content ?? ""
        guard let found = ConversationCode.latest(in: messages),
            let language = found.tag.flatMap(SourceLanguage.init(tag:)) ?? SourceLanguage.detect(found.code)
        else {
            let excerpt = question.split(whereSeparator: \.isNewline).first.map { String($0.prefix(80)) } ?? ""
            return "There is no code in this conversation yet that I can analyze"
                + (excerpt.isEmpty ? "." : " for \"\(excerpt)\".")
                + " Paste it in a ``` block (\(LanguageResolution.known)) and I will go through its structure, security,"
                + " documentation, architecture and tests."
        }
        let result = try await analyzer.analyze(BlackboardProblem(code: found.code, language: language.rawValue))
        var answer = "Your \(language.rawValue) code: \(result.solution.summary)"
        let focus = Self.focus(of: question)
        let points = result.findings.filter { focus.isEmpty || Self.matches($0, focus) }.prefix(Self.answerPoints)
        let chosen = points.isEmpty ? result.findings.prefix(Self.answerPoints) : points
        if chosen.isEmpty {
            answer += "\n\nNothing stands out; keep the functions small and their names saying what they do."
        } else {
            answer += "\n\nWhat I would look at first:"
            for (index, finding) in chosen.enumerated() {
                let at = finding.line.map { " (line \($0))" } ?? ""
                answer += "\n\(index + 1). \(RuleAdvice.title(finding))\(at): \(finding.message) \(RuleAdvice.advice(finding.ruleId))"
            }
        }
        if focus.contains("tests"), let tests = result.solution.recommendations.first(where: { $0.hasPrefix("Add tests") }) {
            answer += "\n\n\(tests)"
        }
        return answer
    }

    /// The answer in the pieces a stream delivers: words with the whitespace after them.
    static func tokens(of text: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        var inSpace = false
        for character in text {
            if character.isWhitespace {
                inSpace = true
                current.append(character)
            } else {
                if inSpace {
                    tokens.append(current)
                    current = ""
                    inSpace = false
                }
                current.append(character)
            }
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }

    /// Rule categories a goal or question asks about (`security`, `tests`…); empty when it names none.
    static func focus(of text: String?) -> Set<String> {
        guard let text = text?.lowercased(), !text.isEmpty else { return [] }
        let words: [(String, String)] = [
            ("secur", "security"), ("vulnerab", "security"), ("inject", "security"), ("secret", "security"),
            ("test", "tests"), ("doc", "docs"), ("comment", "docs"), ("complex", "complexity"), ("readab", "complexity"),
            ("nest", "complexity"), ("architect", "architecture"), ("design", "architecture"), ("perform", "architecture"),
            ("duplicat", "duplication"), ("concurren", "concurrency"), ("resilien", "resilience"), ("timeout", "resilience"),
        ]
        return Set(words.filter { text.contains($0.0) }.map(\.1))
    }

    static func matches(_ finding: Finding, _ focus: Set<String>) -> Bool {
        guard let category = finding.ruleId?.category else { return false }
        return focus.contains(category)
    }
}
