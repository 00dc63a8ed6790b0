/// Python functions by indentation, the way lizard reads them: the first token of every physical line (outside a
/// multi-line string, while no `def` header is open) moves the indentation stack; a deeper line opens the body of
/// the `def` seen last, or a bare block; a shallower one closes blocks and with them functions. A one-line
/// `def f(): pass` never opens a body and, as in lizard, is not reported.
struct PythonScanner {
    private enum Nest {
        case bare
        case function(Int)
    }

    let code: TokenList
    let indentation: [Int]
    var spans: [FunctionSpan] = []
    var types: [(name: String, index: Int, declarationStart: Int)] = []
    /// Code index → span whose decision points it counts for (lizard's "current function"); nil is global.
    var owner: [Int?] = []
    var maxNesting = 0
    var maxNestingLine: Int?

    private var indents: [Int] = [0]
    private var nests: [Nest] = []
    private var pending: Int?
    private var current: Int?
    /// The current function's header is still open (its parameter list has not closed).
    private var headerOpen = false

    init(code: TokenList, indentation: [Int]) {
        self.code = code
        self.indentation = indentation
    }

    mutating func scan() {
        owner = Array(repeating: nil, count: code.count)
        var index = 0
        var paramsDepth = 0
        var paramsOpen: Int?
        while index < code.count {
            let token = code[index]
            let lineStart = index == 0 || token.line > code[index - 1].endLine
            if lineStart, !headerOpen {
                setNesting(spaces(ofLine: token.line), token: token, at: index)
            }
            if token == "def", token.kind == .keyword, index + 1 < code.count {
                let nameIndex = index + 1
                var span = FunctionSpan(
                    name: code.text(nameIndex), start: nameIndex, end: nameIndex, startLine: code[nameIndex].line,
                    endLine: code[nameIndex].line, declarationStart: declarationStart(index)
                )
                span.isPublic = !span.name.hasPrefix("_") && !nests.contains { if case .function = $0 { true } else { false } }
                span.reported = false
                spans.append(span)
                current = spans.count - 1
                pending = current
                headerOpen = true
                paramsDepth = 0
                paramsOpen = nil
                owner[index] = nil
                index += 1
                owner[index] = current
                index += 1
                continue
            }
            if headerOpen, let function = current {
                if token.isAny(of: "(", "[") {
                    if paramsOpen == nil, token == "(" { paramsOpen = index }
                    paramsDepth += 1
                } else if token.isAny(of: ")", "]") {
                    paramsDepth -= 1
                    if paramsDepth == 0, token == ")", let open = paramsOpen {
                        headerOpen = false
                        spans[function].parameters = BraceScanner.parameterNames(code, open, index, .python)
                            .filter { $0 != "self" && $0 != "cls" && $0 != "*" && $0 != "/" }
                        spans[function].signature = BraceScanner.join(code, spans[function].declarationStart, index)
                        // A docstring is the first statement of the body.
                        var at = index + 1
                        while at < code.count, code[at] != ":" { at += 1 }
                        if at + 1 < code.count, code[at + 1].kind == .string, code[at + 1].line > code[at].line {
                            spans[function].isDocumented = true
                        }
                    }
                }
            }
            if token == "class", token.kind == .keyword, lineStart, index + 1 < code.count {
                types.append((code.text(index + 1), index + 1, declarationStart(index)))
            }
            owner[index] = current
            if let current, !headerOpen { extend(current, to: index) }
            index += 1
        }
        // End of file: every open block closes.
        setNesting(0, token: nil, at: code.count)
    }

    private mutating func extend(_ span: Int, to index: Int) {
        spans[span].end = index
        spans[span].endLine = code[index].endLine
    }

    private func spaces(ofLine line: Int) -> Int {
        line >= 1 && line <= indentation.count ? indentation[line - 1] : 0
    }

    private mutating func setNesting(_ spaces: Int, token: Token?, at index: Int) {
        let closing = token?.firstByte == UInt8(ascii: ")")
        while let top = indents.last, top > spaces, !closing {
            indents.removeLast()
            popNest()
        }
        if let top = indents.last, top < spaces {
            indents.append(spaces)
            if let function = pending {
                nests.append(.function(function))
            } else {
                nests.append(.bare)
            }
            pending = nil
            let depth = nests.reduce(into: 0) { depth, nest in if case .bare = nest { depth += 1 } }
            if depth > maxNesting, let token {
                maxNesting = depth
                maxNestingLine = token.line
            }
            if case .bare = nests.last, let owner = lastFunction() {
                let relative = relativeDepth()
                spans[owner].maxNesting = max(spans[owner].maxNesting, relative)
            }
        }
    }

    private mutating func popNest() {
        pending = nil
        guard let nest = nests.popLast() else { return }
        if case let .function(function) = nest {
            spans[function].reported = true
            current = lastFunction()
        }
    }

    private func lastFunction() -> Int? {
        for nest in nests.reversed() {
            if case let .function(function) = nest { return function }
        }
        return nil
    }

    private func relativeDepth() -> Int {
        var depth = 0
        for nest in nests.reversed() {
            if case .function = nest { break }
            depth += 1
        }
        return depth
    }

    private func declarationStart(_ def: Int) -> Int {
        var at = def
        if at > 0, code[at - 1] == "async" { at -= 1 }
        // Decorators on the lines above.
        while at > 0 {
            var lineFirst = at - 1
            while lineFirst > 0, code[lineFirst - 1].line == code[at - 1].line { lineFirst -= 1 }
            guard code[lineFirst] == "@" else { break }
            at = lineFirst
        }
        return at
    }
}
