/// Lines, functions, types, nesting and duplicates of one file, from its tokens, without recursion.
public enum StructureAnalyzer {
    public static func analyze(_ file: SourceFile) -> StructureReport {
        let code = file.code
        let counts = LineCounts(file)
        var spans: [FunctionSpan]
        var rawTypes: [(name: String, index: Int, declarationStart: Int)]
        var maxNesting: Int
        var maxNestingLine: Int?
        var complexity: [Int]
        if file.language == .python {
            var scanner = PythonScanner(code: code, indentation: file.indentation)
            scanner.scan()
            spans = scanner.spans
            rawTypes = scanner.types
            maxNesting = scanner.maxNesting
            maxNestingLine = scanner.maxNestingLine
            complexity = Array(repeating: 1, count: spans.count)
            for index in code.indices {
                guard let owner = scanner.owner[index] else { continue }
                complexity[owner] += conditions(code, index, file.language)
            }
        } else {
            var scanner = BraceScanner(language: file.language, code: code, matches: file.matches)
            scanner.scan()
            spans = scanner.spans
            rawTypes = scanner.types
            maxNesting = scanner.maxNesting
            maxNestingLine = scanner.maxNestingLine
            let defaults = file.language == .javascript || file.language == .typescript ? patternDefaults(code, file.matches) : []
            complexity = attribute(spans, code, file.language, defaults: defaults)
        }
        let documented = DocComments(file)
        var functions: [FunctionInfo] = []
        for (index, span) in spans.enumerated() where span.reported {
            let declarationLine = code.indices.contains(span.declarationStart) ? code[span.declarationStart].line : span.startLine
            functions.append(FunctionInfo(
                name: span.name, startLine: span.startLine, endLine: max(span.startLine, span.endLine),
                parameters: span.parameters, cyclomaticComplexity: complexity[index] + span.extraConditions,
                maxNesting: span.maxNesting,
                isPublic: file.language == .python ? span.isPublic : Visibility.isPublic(span.name, span.modifiers, file.language),
                isDocumented: span.isDocumented || documented.above(line: declarationLine),
                signature: span.signature
            ))
        }
        functions.sort { ($0.startLine, $0.endLine) < ($1.startLine, $1.endLine) }
        let types = rawTypes.map { type -> TypeInfo in
            let line = code[type.declarationStart].line
            var modifiers: Set<String> = []
            var at = type.declarationStart
            while at < type.index {
                modifiers.insert(code.text(at))
                at += 1
            }
            return TypeInfo(
                name: type.name, line: code[type.index].line,
                isPublic: file.language == .python ? !type.name.hasPrefix("_") : Visibility.isPublic(type.name, modifiers, file.language),
                isDocumented: documented.above(line: line) || (file.language == .python && PythonDocstring.follows(code, type.index))
            )
        }
        return StructureReport(
            language: file.language, lines: file.lineCount, codeLines: counts.code, commentLines: counts.comment,
            blankLines: counts.blank, functions: functions, types: types, maxNesting: maxNesting,
            maxNestingLine: maxNestingLine, duplicatedBlocks: DuplicateFinder.find(code), todoCount: counts.todos,
            importCount: code.indices.reduce(0) { $0 + (isImport(code, $1, file.language) ? 1 : 0) }
        )
    }

    /// Decision points of one token, with those inside its interpolations (Python f-strings).
    static func conditions(_ code: TokenList, _ index: Int, _ language: SourceLanguage) -> Int {
        let token = code[index]
        if token.kind == .string {
            // lizard reads f-string interpolations as code, but JavaScript template interpolations as opaque text.
            guard token.isInterpolated, language == .python else { return 0 }
            return InterpolationConditions.count(token, in: code, language)
        }
        return ComplexityRules.isCondition(code, index, language) ? 1 : 0
    }

    /// Each token's decision points go to the innermost function whose tokens include it (nested functions keep
    /// their own, as in lizard).
    static func attribute(_ spans: [FunctionSpan], _ code: TokenList, _ language: SourceLanguage, defaults: Set<Int> = []) -> [Int] {
        var complexity = Array(repeating: 1, count: spans.count)
        let order = spans.indices.sorted { (spans[$0].start, -spans[$0].end) < (spans[$1].start, -spans[$1].end) }
        var next = 0
        var open: [Int] = []
        for index in code.indices {
            while let top = open.last, spans[top].end < index { open.removeLast() }
            while next < order.count, spans[order[next]].start <= index {
                let span = order[next]
                next += 1
                guard spans[span].end >= index else { continue }
                while let top = open.last, spans[top].end < spans[span].end { open.removeLast() }
                open.append(span)
            }
            guard let owner = open.last else { continue }
            complexity[owner] += conditions(code, index, language) + (defaults.contains(index) ? 1 : 0)
        }
        return complexity
    }

    /// The `=` of each default in a destructuring declaration (`const { a = 1, b: [c = 2] } = x`): lizard counts
    /// each as a decision point of the function around it.
    static func patternDefaults(_ code: TokenList, _ matches: BracketMatches) -> Set<Int> {
        var found: Set<Int> = []
        for index in code.indices where code[index].kind == .keyword && code[index].isAny(of: "const", "let", "var") {
            guard index + 1 < code.count, code[index + 1].isAny(of: "{", "["),
                  let close = matches[index + 1], close + 1 < code.count,
                  code[close + 1].isAny(of: "=", "of", "in") else { continue }
            var at = index + 2
            var initializing = false
            while at < close {
                let text = code[at]
                if initializing {
                    if let end = matches[at], text.isAny(of: "(", "[", "{") {
                        at = end
                    } else if text.isAny(of: ",", "}", "]") {
                        initializing = false
                    }
                } else if text == "=" {
                    found.insert(at)
                    initializing = true
                }
                at += 1
            }
        }
        return found
    }

    static func isImport(_ code: TokenList, _ index: Int, _ language: SourceLanguage) -> Bool {
        let text = code[index]
        let lineStart = index == 0 || code[index - 1].line < code[index].line
        switch language {
        case .python: return lineStart && (text == "import" || text == "from")
        case .javascript, .typescript:
            return (lineStart && text == "import") || (text == "require" && index + 1 < code.count && code[index + 1] == "(")
        default: return lineStart && text == "import"
        }
    }
}

/// Conditions inside interpolated literals, scanned with a work list (nested interpolations never recurse).
enum InterpolationConditions {
    static func count(_ token: Token, in list: TokenList, _ language: SourceLanguage) -> Int {
        let tokenizer = Tokenizer(language: language)
        var work = tokenizer.interpolations(of: token, in: list)
        var total = 0
        // Nested literals re-scan their inner text: a byte budget keeps pathological nesting linear.
        var budget = 4 * token.byteCount + 4_096
        while let piece = work.popLast(), budget > 0 {
            budget -= piece.count
            let code = tokenizer.tokenize(bytes: piece).filtered { $0.kind != .comment && $0.kind != .newline }
            for index in code.indices {
                if code[index].kind == .string {
                    work.append(contentsOf: tokenizer.interpolations(of: code[index], in: code))
                } else if ComplexityRules.isCondition(code, index, language) {
                    total += 1
                }
            }
        }
        return total
    }
}

enum PythonDocstring {
    /// A string as the first statement after the `:` that ends the header starting near `index`.
    static func follows(_ code: TokenList, _ index: Int) -> Bool {
        var at = index
        var depth = 0
        while at < code.count {
            let text = code[at]
            if text.isAny(of: "(", "[") { depth += 1 } else if text.isAny(of: ")", "]") { depth -= 1 } else if text == ":", depth == 0 { break }
            at += 1
        }
        return at + 1 < code.count && code[at + 1].kind == .string && code[at + 1].line > code[at].line
    }
}

/// Who may call it from outside the file's module.
enum Visibility {
    static func isPublic(_ name: String, _ modifiers: Set<String>, _ language: SourceLanguage) -> Bool {
        switch language {
        case .swift: return modifiers.contains("public") || modifiers.contains("open")
        case .java: return modifiers.contains("public")
        case .go: return name.first.map { $0.isUppercase } ?? false
        case .javascript, .typescript:
            if modifiers.contains("private") || modifiers.contains("protected") || name.hasPrefix("#") { return false }
            return modifiers.contains("export") || modifiers.contains("exports") || modifiers.contains("module")
        case .python: return !name.hasPrefix("_")
        }
    }
}

/// Doc comments by the line they end on: `///` and `/** */` (and Go's plain `//`, its doc convention).
struct DocComments {
    private var endingLines: Set<Int> = []

    init(_ file: SourceFile) {
        let tokens = file.tokens
        for token in tokens where token.kind == .comment {
            let isDoc: Bool
            switch file.language {
            case .go: isDoc = true
            case .python: isDoc = false
            case .swift, .java, .javascript, .typescript: isDoc = tokens.hasPrefix(token, "///") || tokens.hasPrefix(token, "/**")
            }
            if isDoc { endingLines.insert(token.endLine) }
        }
    }

    func above(line: Int) -> Bool { endingLines.contains(line - 1) }
}

/// Code, comment and blank lines, and TODO-style markers in comments.
struct LineCounts {
    var code = 0
    var comment = 0
    var blank = 0
    var todos = 0

    static let markers = ["TODO", "FIXME", "XXX", "HACK"]

    init(_ file: SourceFile) {
        let count = file.lineCount
        guard count > 0 else { return }
        // Per line: bit 0 code, bit 1 comment (one array, written through its buffer; counted in locals).
        var marks = [UInt8](repeating: 0, count: count + 2)
        let tokens = file.tokens
        var (code, comment, blank, todos) = (0, 0, 0, 0)
        marks.withUnsafeMutableBufferPointer { marks in
            tokens.elements.withUnsafeBufferPointer { all in
                for token in all where token.kind != .newline {
                    let from = min(max(1, token.line), count + 1)
                    let to = min(max(from, token.endLine), count + 1)
                    let mark: UInt8 = token.kind == .comment ? 2 : 1
                    var line = from
                    while line <= to {
                        marks[line] |= mark
                        line += 1
                    }
                    if token.kind == .comment { todos += tokens.withBytes(of: token, Self.markerCount) }
                }
            }
            for line in 1...count {
                if marks[line] & 1 != 0 { code += 1 } else if marks[line] & 2 != 0 { comment += 1 } else { blank += 1 }
            }
        }
        (self.code, self.comment, self.blank, self.todos) = (code, comment, blank, todos)
    }

    static let markerBytes = ASCIIText.words(markers)

    static func markerCount(_ text: String) -> Int { ASCIIText.withBytes(text, markerCount) }

    static func markerCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var total = 0
        for needle in markerBytes {
            var at = 0
            while at + needle.count <= bytes.count {
                guard let found = ASCIIText.firstOffset(of: needle, in: UnsafeBufferPointer(rebasing: bytes[at...]), folding: .exact) else { break }
                let start = at + found
                let before = start == 0 ? 0 : bytes[start - 1]
                let after = start + needle.count < bytes.count ? bytes[start + needle.count] : 0
                if !isWordByte(before), !isWordByte(after) { total += 1 }
                at = start + needle.count
            }
        }
        return total
    }

    static func isWordByte(_ byte: UInt8) -> Bool {
        (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z")) || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "_")
    }
}
