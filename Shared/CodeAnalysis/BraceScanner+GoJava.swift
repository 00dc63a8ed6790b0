/// Go functions, methods and literals; Java types, methods and constructors (found at their body).
extension BraceScanner {
    mutating func goDeclaration(_ word: Token, at index: Int) {
        switch word {
        case "func":
            var at = index + 1
            var name = "(anonymous)"
            if has(at, "(") {
                guard let close = matches[at] else { return }
                if code.indices.contains(close + 2), code[close + 1].kind == .identifier, code.has(close + 2, oneOf: "(", "[") {
                    name = code.text(close + 1)
                    at = close + 2
                }
            } else if code.indices.contains(at), code[at].kind == .identifier {
                name = code.text(at)
                at += 1
            } else {
                return
            }
            if has(at, "["), let close = matches[at] { at = close + 1 }
            guard has(at, "("), let close = matches[at], let body = body(after: close, stopAtLineEnd: true) else { return }
            addSpan(name: name, start: index, parametersOpen: at, body: body, declarationStart: index)
        case "type":
            guard code.indices.contains(index + 2), code[index + 1].kind == .identifier else { return }
            let kind = code[index + 2]
            if kind.isAny(of: "struct", "interface"), has(index + 3, "{") {
                typeBodies[index + 3] = (code.text(index + 1), kind == "interface")
                types.append((code.text(index + 1), index + 1, index))
            } else {
                types.append((code.text(index + 1), index + 1, index))
            }
        default:
            break
        }
    }

    // MARK: Java

    static let javaModifiers = TokenSet([
        "public", "protected", "private", "static", "final", "abstract", "synchronized", "native", "default",
        "strictfp", "transient", "volatile", "sealed",
    ])
    static let controlWords = TokenSet([
        "if", "for", "while", "switch", "catch", "synchronized", "return", "new", "with", "function", "typeof", "await",
        "yield", "throw", "else", "do", "try", "finally", "case", "delete", "void", "in", "of", "instanceof", "super", "this",
    ])

    mutating func javaDeclaration(_ word: Token, at index: Int) {
        switch word {
        case "class", "interface", "enum", "record":
            guard code[index].kind == .keyword, !has(index - 1, ".") else { return }
            announceType(at: index, declarationsOnly: false)
        default:
            break
        }
    }

    /// Java and JavaScript methods are found at their body: `name(…) {`, `name(…) throws X {`, `name(…): T {`.
    mutating func lookBackForMethod(brace: Int) -> Int? {
        guard language == .java || language == .javascript || language == .typescript else { return nil }
        guard brace > 0 else { return nil }
        var close = brace - 1
        if language == .java {
            // throws A, B.C
            var at = close
            while at > 0, at > close - 100, code[at].kind == .identifier || code[at].isAny(of: ",", ".") { at -= 1 }
            if has(at, "throws") { close = at - 1 }
        } else if language == .typescript, !has(close, ")") {
            // `): ReturnType {`
            var at = close
            var steps = 0
            while at > 0, steps < 30, !has(at, ":") || !has(at - 1, ")") {
                if code.has(at, oneOf: ";", "{", "}", "=>") { return nil }
                at -= 1
                steps += 1
            }
            guard has(at, ":") else { return nil }
            close = at - 1
        }
        guard has(close, ")"), let open = matches[close], open > 0 else { return nil }
        let nameToken = code[open - 1]
        guard nameToken.kind == .identifier || nameToken.kind == .keyword || nameToken.kind == .string || nameToken == "]" else { return nil }
        guard !Self.controlWords.contains(nameToken) else { return nil }
        if code.has(open - 2, oneOf: ".", "?.", "new", "function") { return nil }
        let name = code.text(of: nameToken)
        if language == .java {
            guard nameToken.kind == .identifier, !has(open - 2, "record") else { return nil }
            guard case .type = blocks.last?.kind else { return nil }
            return addSpan(name: name, start: open - 1, parametersOpen: open, body: brace, declarationStart: javaDeclarationStart(open - 1))
        }
        if language == .javascript || language == .typescript, !jsMemberContext { return nil }
        let memberName = nameToken == "]" ? computedName(close: open - 1) : name
        return addSpan(name: memberName, start: open, parametersOpen: open, body: brace, declarationStart: modifiersStart(before: open - 1))
    }

    /// `['async'] () {}`, `[Symbol.iterator] () {}`: the key's tokens without quotes, like lizard names them.
    func computedName(close: Int) -> String {
        guard let open = matches[close], close - open > 1, close - open <= 12 else { return "(computed)" }
        let name = code[(open + 1)..<close].map { token in
            token.kind == .string ? String(code.text(of: token).filter { $0 != "'" && $0 != "\"" && $0 != "`" }) : code.text(of: token)
        }.joined()
        return name.isEmpty ? "(computed)" : name
    }

    /// A method shorthand only exists in class bodies and object literals.
    var jsMemberContext: Bool {
        switch blocks.last?.kind {
        case .type, .declarations, nil: return blocks.last != nil
        case .other: return true
        case .function: return false
        }
    }

    func javaDeclarationStart(_ name: Int) -> Int {
        // Back over the return type (`List<String>`, `int[]`) to the modifiers and annotations.
        var at = name
        while at > 0 {
            let previous = code[at - 1]
            if previous.isAny(of: ";", "{", "}") { break }
            at -= 1
        }
        return at
    }
}
