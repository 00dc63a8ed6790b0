/// Swift declarations: `func`, `init`, `subscript`, `deinit`, accessors, and type bodies (protocols have no bodies).
extension BraceScanner {
    static let swiftAccessors = TokenSet(["get", "set", "willSet", "didSet"])
    static let swiftModifiers = TokenSet([
        "public", "private", "fileprivate", "internal", "open", "static", "class", "final", "override", "mutating",
        "nonmutating", "convenience", "required", "dynamic", "lazy", "weak", "unowned", "indirect", "nonisolated",
        "isolated", "async", "consuming", "borrowing", "package", "optional", "prefix", "postfix", "infix", "distributed",
    ])

    mutating func swiftDeclaration(_ word: Token, at index: Int) {
        switch word {
        case "func" where code[index].kind == .keyword:
            guard !inDeclarationsOnly else { return }
            var at = index + 1
            let name = text(at)
            at += 1
            if has(at, "<"), let close = closingAngle(from: at) { at = close + 1 }
            guard has(at, "("), let close = matches[at] else { return }
            let body = body(after: close)
            guard body != nil else { return }
            addSpan(name: name, start: index, parametersOpen: at, body: body, declarationStart: modifiersStart(before: index))
        case "init", "subscript":
            guard code[index].kind == .keyword, !inDeclarationsOnly else { return }
            guard !code.has(index - 1, oneOf: "let", "var", "case", ",") else { return }
            var at = index + 1
            if code.has(at, oneOf: "?", "!") { at += 1 }
            if has(at, "<"), let close = closingAngle(from: at) { at = close + 1 }
            guard has(at, "("), let close = matches[at], let body = body(after: close) else { return }
            addSpan(name: code.text(of: word), start: index, parametersOpen: at, body: body, declarationStart: modifiersStart(before: index))
        case "deinit":
            guard has(index + 1, "{"), !inDeclarationsOnly else { return }
            addSpan(name: code.text(of: word), start: index, parametersOpen: nil, body: index + 1, declarationStart: modifiersStart(before: index))
        case _ where Self.swiftAccessors.contains(word):
            guard !inDeclarationsOnly, !code.has(index - 1, oneOf: "let", "var", "case", ",") else { return }
            var at = index + 1
            if word != "get", has(at, "("), code.indices.contains(at + 2), code[at + 1].kind == .identifier, has(at + 2, ")") {
                at += 3
            } else if word == "get" {
                while code.has(at, oneOf: "async", "throws") {
                    at += 1
                    if has(at, "("), let close = matches[at] { at = close + 1 }
                }
            }
            guard has(at, "{") else { return }
            addSpan(name: code.text(of: word), start: index, parametersOpen: nil, body: at, declarationStart: index)
        case "class", "struct", "enum", "extension", "actor", "protocol":
            guard code[index].kind == .keyword || word == "actor" else { return }
            // `class func`, `class var`: a modifier, not a type.
            let next = code.indices.contains(index + 1) ? code[index + 1] : nil
            guard let next, next.kind == .identifier || (word == "extension" && next.kind != .punctuation) else { return }
            announceType(at: index, declarationsOnly: word == "protocol")
        default:
            break
        }
    }

    func closingAngle(from open: Int) -> Int? {
        var depth = 0
        var at = open
        while at < code.count, at < open + 200 {
            let t = code[at]
            if t == "<" { depth += 1 } else if t == ">" { depth -= 1 } else if t == ">>" { depth -= 2 } else if t == "{" || t == ";" { return nil }
            if depth <= 0 { return at }
            at += 1
        }
        return nil
    }

    /// The first token of the modifiers and attributes in front of a declaration keyword.
    func modifiersStart(before index: Int) -> Int {
        var at = index
        while at > 0 {
            let previous = code[at - 1]
            if Self.swiftModifiers.contains(previous) || Self.javaModifiers.contains(previous)
                || Self.scriptModifiers.contains(previous) {
                at -= 1
            } else if previous == ")", let open = matches[at - 1], open > 0,
                      code[open - 1].firstByte == UInt8(ascii: "@") || (open > 1 && code[open - 2] == "@")
                      || Self.swiftModifiers.contains(code[open - 1]) {
                // `@available(...)`, `private(set)`
                at = open - 1
                if at > 0, code[at - 1] == "@" { at -= 1 }
            } else if previous.kind == .identifier, at > 1, code[at - 2] == "@" {
                at -= 2
                while at > 1, code[at - 1] == ".", code[at - 2].kind == .identifier { at -= 2 }
            } else {
                break
            }
        }
        return at
    }
}
