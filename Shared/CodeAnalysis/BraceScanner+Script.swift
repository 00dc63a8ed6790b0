/// JavaScript and TypeScript: `function`, methods, arrow functions with block or expression bodies.
extension BraceScanner {
    static let scriptModifiers = TokenSet(["export", "default", "async", "static", "declare", "abstract", "get", "set", "override"])

    mutating func scriptDeclaration(_ word: Token, at index: Int) {
        switch word {
        case "function" where code[index].kind == .keyword:
            var at = index + 1
            if has(at, "*") { at += 1 }
            var name = "(anonymous)"
            if code.indices.contains(at), code[at].kind == .identifier {
                name = code.text(at)
                at += 1
            } else if code.has(index - 1, oneOf: "=", ":"), index > 1 {
                name = code.text(index - 2)
            }
            if has(at, "<"), let close = closingAngle(from: at) { at = close + 1 }
            guard has(at, "("), let close = matches[at], let body = body(after: close, limit: 60) else { return }
            // An expression arrow is closed by a `function` at its level, as lizard does.
            while let open = expressionArrows.last, open.depth == blocks.count, open.parens == parenDepth {
                finish(span: open.span, at: max(open.span, index - 1))
                expressionArrows.removeLast()
            }
            addSpan(name: name, start: at, parametersOpen: at, body: body, declarationStart: modifiersStart(before: index))
        case "class", "interface", "enum":
            guard code[index].kind == .keyword, code.indices.contains(index + 1), code[index + 1].kind == .identifier else {
                if word == "class", code.has(index + 1, oneOf: "{", "extends") { announceAnonymousClass(at: index) }
                return
            }
            announceType(at: index, declarationsOnly: word == "interface")
        default:
            break
        }
    }

    mutating func announceAnonymousClass(at index: Int) {
        var at = index + 1
        while at < code.count, at < index + 50, code[at] != "{" { at += 1 }
        if has(at, "{") { typeBodies[at] = ("(anonymous)", false) }
    }

    mutating func arrow(at index: Int) {
        guard language == .javascript || language == .typescript else { return }
        // An arrow inside an open expression arrow at the same level belongs to it (lizard counts one function).
        if let open = expressionArrows.last, open.depth == blocks.count, open.parens == parenDepth { return }
        var parametersOpen: Int?
        var start = index + 1
        guard start < code.count else { return }
        var nameIndex: Int?
        if has(index - 1, ")"), let open = matches[index - 1] {
            parametersOpen = open
            let before = has(open - 1, "async") ? open - 2 : open - 1
            if code.has(before, oneOf: "=", ":") {
                start = open
                nameIndex = before - 1
            }
        } else if index > 0, code[index - 1].kind == .identifier {
            let before = index - 2
            if code.has(before, oneOf: "=", ":") { nameIndex = before - 1 }
        }
        let name = nameIndex.flatMap { $0 >= 0 && code[$0].kind == .identifier ? code.text($0) : nil } ?? "(anonymous)"
        if has(index + 1, "{") {
            addSpan(name: name, start: start, parametersOpen: parametersOpen, body: index + 1, declarationStart: nameIndex ?? start)
        } else {
            let span = addSpan(name: name, start: start, parametersOpen: parametersOpen, body: nil, declarationStart: nameIndex ?? start)
            spans[span].end = index + 1
            spans[span].endLine = code[index + 1].endLine
            expressionArrows.append((span, blocks.count, parenDepth))
        }
    }

    /// An expression body ends at `;`, at a line break, or where the bracket around it closes.
    mutating func closeExpressionArrows(at index: Int) {
        while let open = expressionArrows.last {
            let token = code[index]
            let atOwnLevel = blocks.count == open.depth && parenDepth == open.parens
            let closesAround = token.isAny(of: ")", "]") && blocks.count == open.depth && parenDepth <= open.parens
                || token == "}" && blocks.count <= open.depth
            let endsStatement = atOwnLevel && index > open.span && (
                token == ";" || (token.line > code[index - 1].endLine && !token.isAny(of: ".", "?.", "(", "[", "{"))
            )
            guard closesAround || endsStatement || blocks.count < open.depth else { return }
            let last = max(spans[open.span].start, index - 1)
            spans[open.span].end = last
            spans[open.span].endLine = code[last].endLine
            expressionArrows.removeLast()
        }
    }
}
