/// Which tokens are decision points, per language, counted the way `lizard` (1.24) counts them, so our
/// cyclomatic complexity can be checked against it (Benchmarks/peers/analysis-agreement.sh):
///
/// - Swift: `if for while catch guard case && ||` and a ternary `?` (one written after whitespace; `a?`, `try?`,
///   `as?` and `x?.y` are optionals); a condition word used as an argument label (`f(for: x)`) is no condition;
///   `#if` is a directive.
/// - Python: `if elif for while except finally and or`, and `case` when it is the soft keyword of `match`;
///   also inside f-string interpolations.
/// - JavaScript/TypeScript: `if for while catch case && || ??` (and `&&= ||= ??=`), `?` unless glued to a word
///   (`a?` is TypeScript's optional), each parameter default (`x = 1`); template interpolations are opaque.
///   Like lizard, the words count wherever they are tokens: `promise.catch(…)` is a `catch`.
/// - Go and Java: `if for while catch case && ||` and `?`.
enum ComplexityRules {
    static let swift = TokenSet(["if", "for", "while", "catch", "guard", "case", "&&", "||"])
    static let python = TokenSet(["if", "elif", "for", "while", "except", "finally", "and", "or"])
    static let script = TokenSet(["if", "for", "while", "catch", "case", "&&", "||", "??", "&&=", "||=", "??="])
    static let clike = TokenSet(["if", "for", "while", "catch", "case", "&&", "||"])

    /// Whether `code[index]` adds a path. `code` holds the file's tokens without comments and line breaks.
    static func isCondition(_ code: TokenList, _ index: Int, _ language: SourceLanguage) -> Bool {
        let token = code[index]
        guard token.kind == .keyword || token.kind == .operator || token.kind == .identifier else { return false }
        let text = token
        switch language {
        case .swift:
            guard text == "?" || swift.contains(text), !isInSwiftDirective(code, index) else { return false }
            if text == "?" { return token.spaceBefore }
            // Token-based like lizard: Combine's `.catch { }` counts as a `catch`.
            if token.kind == .keyword, isArgumentLabel(code, index) { return false }
            return true
        case .python:
            if text == "case" { return isSoftCase(code, index) }
            // Keywords are never attributes in Python, so `... or x` counts after the `...` too.
            return token.kind == .keyword && python.contains(text)
        case .javascript, .typescript:
            if text == "?" {
                guard index > 0 else { return true }
                let previous = code[index - 1]
                let glued = !token.spaceBefore && (previous.kind == .identifier || previous.kind == .keyword || previous.kind == .number)
                return !glued
            }
            // Token-based like lizard: `promise.catch(…)` counts as a `catch`.
            guard script.contains(text) else { return false }
            return token.kind != .identifier
        case .go, .java:
            if text == "?" { return true }
            guard clike.contains(text), token.kind != .identifier else { return false }
            return index == 0 || code[index - 1] != "."
        }
    }

    /// A `#if`/`#elseif` line is one directive for lizard: its `||` and `&&` are no decision points.
    static func isInSwiftDirective(_ code: TokenList, _ index: Int) -> Bool {
        var at = index
        while at > 0, code[at - 1].line == code[index].line { at -= 1 }
        return code[at].isAny(of: "#if", "#elseif")
    }

    /// `(if: x)`, `, for: y`: a Swift argument label spelled like a keyword.
    static func isArgumentLabel(_ code: TokenList, _ index: Int) -> Bool {
        guard index > 0, index + 1 < code.count else { return false }
        return code[index - 1].isAny(of: "(", ",") && code[index + 1] == ":"
    }

    static let softKeywordVariableNext = TokenSet([
        "=", ".", ":", ",", "+=", "-=", "*=", "/=", "%=", "//=", "**=", "&=", "|=", "^=", "<<=", ">>=", ":=",
    ])

    /// Python's `case` is a keyword at a line start when a pattern follows (`case x:`, `case (a, b):`), not in
    /// `case = 1` or `case(x)`.
    static func isSoftCase(_ code: TokenList, _ index: Int) -> Bool {
        guard index == 0 || code[index - 1].line < code[index].line, index + 1 < code.count else { return false }
        let next = code[index + 1]
        if softKeywordVariableNext.contains(next) { return false }
        guard next.isAny(of: "(", "[") else { return true }
        var depth = 0
        var at = index + 1
        while at < code.count, at < index + 1_000 {
            let text = code[at]
            if text.isAny(of: "(", "[", "{") {
                depth += 1
            } else if text.isAny(of: ")", "]", "}") {
                depth -= 1
            } else if text == ":", depth == 0 {
                return true
            }
            if depth == 0, at + 1 < code.count, code[at + 1].line > code[at].endLine { return false }
            at += 1
        }
        return false
    }
}
