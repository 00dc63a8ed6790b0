/// Functions, types and block nesting of the brace languages (Swift, Go, Java, JavaScript, TypeScript), in one
/// forward pass over the code tokens with an explicit block stack. Which constructs are functions follows lizard:
/// Swift `func`/`init`/`subscript`/`deinit` and accessors (closures are not functions); Go declarations, methods and
/// literals; Java methods and constructors; JavaScript functions, methods and arrow functions.
struct BraceScanner {
    enum BlockKind {
        case function(Int)
        case type
        /// A Swift protocol or Java/TypeScript interface: its members have no bodies.
        case declarations
        case other
    }

    struct Block {
        var kind: BlockKind
        var level: Int
        /// The function whose body holds this block (nil inside a type body): kept per block so that finding it
        /// never walks the stack (100 000 nested blocks stay linear).
        var owner: Int?
    }

    let language: SourceLanguage
    let code: TokenList
    let matches: BracketMatches
    var spans: [FunctionSpan] = []
    var types: [(name: String, index: Int, declarationStart: Int)] = []
    var maxNesting = 0
    var maxNestingLine: Int?

    var blocks: [Block] = []
    /// `{` index → span whose body it opens (found by looking ahead from a declaration).
    var bodies: [Int: Int] = [:]
    /// `{` index → type name, for type bodies announced by `class`, `struct`…
    var typeBodies: [Int: (String, Bool)] = [:]
    /// Open JavaScript arrow functions with an expression body: span and the block depth they live at.
    var expressionArrows: [(span: Int, depth: Int, parens: Int)] = []
    var parenDepth = 0

    init(language: SourceLanguage, code: TokenList, matches: BracketMatches) {
        self.language = language
        self.code = code
        self.matches = matches
    }

    mutating func scan() {
        var index = 0
        while index < code.count {
            let token = code[index]
            if language == .javascript || language == .typescript { closeExpressionArrows(at: index) }
            switch token.kind {
            case .keyword, .identifier:
                declaration(at: index)
            case .operator where token == "=>":
                arrow(at: index)
            case .punctuation:
                punctuation(at: index)
            default:
                break
            }
            index += 1
        }
        let last = code.count - 1
        for open in expressionArrows.reversed() { finish(span: open.span, at: last) }
        expressionArrows.removeAll()
    }

    // MARK: blocks

    mutating func punctuation(at index: Int) {
        switch code[index] {
        case "(", "[":
            parenDepth += 1
        case ")", "]":
            parenDepth = max(0, parenDepth - 1)
        case "{":
            open(at: index)
        case "}":
            close(at: index)
        default:
            break
        }
    }

    mutating func open(at index: Int) {
        if bodies[index] == nil, let span = lookBackForMethod(brace: index) {
            bodies[index] = span
        }
        let parentLevel = blocks.last?.level ?? 0
        if let span = bodies[index] {
            blocks.append(Block(kind: .function(span), level: 0, owner: span))
        } else if let (_, declarationsOnly) = typeBodies[index] {
            blocks.append(Block(kind: declarationsOnly ? .declarations : .type, level: 0, owner: nil))
        } else {
            let level = parentLevel + 1
            let owner = blocks.last?.owner
            blocks.append(Block(kind: .other, level: level, owner: owner))
            if let owner {
                spans[owner].maxNesting = max(spans[owner].maxNesting, level)
            }
            if level > maxNesting {
                maxNesting = level
                maxNestingLine = code[index].line
            }
        }
    }

    mutating func close(at index: Int) {
        guard let block = blocks.popLast() else { return }
        if case let .function(span) = block.kind { finish(span: span, at: index) }
    }

    var inDeclarationsOnly: Bool {
        if case .declarations = blocks.last?.kind { return true }
        return false
    }

    mutating func finish(span: Int, at index: Int) {
        spans[span].end = index
        spans[span].endLine = code[index].endLine
    }

    // MARK: declarations

    /// The text of the token at `index` (empty outside the code), for names.
    func text(_ index: Int) -> String { code.text(index) }

    /// Whether the token at `index` is spelled `literal`.
    func has(_ index: Int, _ literal: TokenLiteral) -> Bool { code.has(index, literal) }

    mutating func declaration(at index: Int) {
        guard !code.has(index - 1, oneOf: ".", "?.") else { return }
        let word = code[index]
        switch language {
        case .swift: swiftDeclaration(word, at: index)
        case .go: goDeclaration(word, at: index)
        case .java: javaDeclaration(word, at: index)
        case .javascript, .typescript: scriptDeclaration(word, at: index)
        case .python: break
        }
    }

    mutating func announceType(at index: Int, declarationsOnly: Bool) {
        var at = index + 1
        let name = text(at)
        guard code.indices.contains(at), code[at].kind == .identifier || code[at].kind == .keyword else { return }
        // The body is the first `{` at this bracket depth (after generics, inheritance, where clauses).
        var depth = 0
        while at < code.count, at < index + 200 {
            let t = code[at]
            if t.isAny(of: "(", "[", "<") { depth += 1 } else if t.isAny(of: ")", "]", ">") { depth -= 1 }
            if t == "{", depth <= 0 {
                typeBodies[at] = (name, declarationsOnly)
                types.append((name, index + 1, modifiersStart(before: index)))
                return
            }
            if t.isAny(of: ";", "}", "=") { return }
            at += 1
        }
    }

    /// The first `{` after a parameter list closing at `close`, before anything that ends a declaration without body.
    func body(after close: Int, limit: Int = 80, stopAtLineEnd: Bool = false) -> Int? {
        var at = close + 1
        var depth = 0
        while at < code.count, at <= close + limit {
            let token = code[at]
            if stopAtLineEnd, depth == 0, token.line > code[at - 1].endLine { return nil }
            switch token {
            case "{":
                if depth == 0, !code.has(at - 1, oneOf: "struct", "interface") { return at }
                if let end = matches[at] { at = end }
            case "(", "[":
                depth += 1
            case ")", "]":
                depth -= 1
                if depth < 0 { return nil }
            case "}", ";":
                return nil
            case "func", "var", "let", "init", "class", "struct", "enum", "protocol", "extension", "subscript", "case",
                 "import", "typealias", "deinit", "actor", "=":
                if depth == 0, token.kind == .keyword || token == "=" { return nil }
            default:
                break
            }
            at += 1
        }
        return nil
    }

    @discardableResult
    mutating func addSpan(name: String, start: Int, parametersOpen: Int?, body: Int?, declarationStart: Int) -> Int {
        var span = FunctionSpan(
            name: name, start: start, end: body ?? start, startLine: code[start].line, endLine: code[start].line,
            declarationStart: declarationStart
        )
        if let open = parametersOpen, let close = matches[open] {
            span.parameters = Self.parameterNames(code, open, close, language)
            if language == .javascript || language == .typescript {
                span.extraConditions = Self.defaults(code, open, close)
            }
        }
        var modifiers: Set<String> = []
        var at = declarationStart
        while at < start {
            modifiers.insert(code.text(at))
            at += 1
        }
        span.modifiers = modifiers
        let signatureEnd = body.map { $0 - 1 } ?? min(code.count - 1, (parametersOpen.flatMap { matches[$0] } ?? start))
        span.signature = Self.join(code, declarationStart, max(declarationStart, signatureEnd))
        spans.append(span)
        if let body { bodies[body] = spans.count - 1 }
        return spans.count - 1
    }

    // MARK: parameters

    static func parameterNames(_ code: TokenList, _ open: Int, _ close: Int, _ language: SourceLanguage) -> [String] {
        guard close > open + 1 else { return [] }
        var names: [String] = []
        var depth = 0
        var current: [Token] = []
        var at = open + 1
        func flush() {
            guard !current.isEmpty else { return }
            names.append(parameterName(current, code, language))
            current.removeAll()
        }
        while at < close {
            let token = code[at]
            if token.isAny(of: "(", "[", "{", "<") { depth += 1 }
            if token.isAny(of: ")", "]", "}", ">") { depth -= 1 }
            if token == ",", depth == 0 { flush() } else { current.append(token) }
            at += 1
        }
        flush()
        return names.filter { !$0.isEmpty }
    }

    /// `label name: Type = x` → name (Swift), `Type name` → name (Java), `name type` → name (Go), `name = 1` → name.
    static func parameterName(_ tokens: [Token], _ code: TokenList, _ language: SourceLanguage) -> String {
        let words = tokens.filter { $0.kind == .identifier || $0.kind == .keyword }
        func text(_ token: Token?) -> String { token.map(code.text(of:)) ?? "" }
        switch language {
        case .swift:
            guard let colon = tokens.firstIndex(where: { $0 == ":" }) else { return text(words.first) }
            let before = tokens[..<colon].filter { $0.kind == .identifier || $0.kind == .keyword }
            return text(before.last)
        case .java:
            let head = tokens.prefix { $0 != "=" }
            return text(head.last(where: { $0.kind == .identifier }))
        case .go:
            return text(words.first)
        case .javascript, .typescript, .python:
            let head = tokens.prefix { $0 != "=" && $0 != ":" }
            return text(head.first(where: { $0.kind == .identifier || $0.kind == .keyword }) ?? head.first)
        }
    }

    /// Parameter defaults (`a = 1`, `{ b = 2 }`): lizard counts each as a decision point.
    static func defaults(_ code: TokenList, _ open: Int, _ close: Int) -> Int {
        var count = 0
        var expressionDepth = 0
        var initializing = false
        var at = open + 1
        while at < close {
            let token = code[at]
            if initializing {
                if token.isAny(of: "(", "[", "{") { expressionDepth += 1 }
                if token.isAny(of: ")", "]", "}") { expressionDepth -= 1 }
                if expressionDepth < 0 { expressionDepth = 0; initializing = false }
                if token == ",", expressionDepth == 0 { initializing = false }
            } else if token == "=" {
                count += 1
                initializing = true
                expressionDepth = 0
            }
            at += 1
        }
        return count
    }

    static func join(_ code: TokenList, _ from: Int, _ to: Int) -> String {
        guard from <= to, to < code.count else { return "" }
        var out = ""
        var at = from
        while at <= to, out.utf8.count < 300 {
            let token = code[at]
            if !out.isEmpty, token.spaceBefore || (at > from && code[at - 1].line != token.line) { out += " " }
            out += token.kind == .string && token.byteCount > 40 ? "\"…\"" : code.text(of: token)
            at += 1
        }
        return out
    }
}
