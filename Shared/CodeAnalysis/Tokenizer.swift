/// The shared scanner: code to tokens for every `SourceLanguage`, in one pass over the UTF-8 bytes.
///
/// Nothing here recurses: nested literals (Swift `"\("inner")"`, JavaScript `` `${`${x}`}` ``) are scanned with an
/// explicit stack of `LiteralFrame`s, so input depth only grows a heap array. Bytes that fit no token become
/// `.unknown` tokens; invalid UTF-8 is decoded with replacement characters, never trapped on.
struct Tokenizer {
    let language: SourceLanguage

    func tokenize(_ code: String) -> TokenList { tokenize(bytes: Array(code.utf8)) }

    func tokenize(bytes: [UInt8]) -> TokenList {
        var scanner = Scanner(bytes: bytes, syntax: LexicalSyntax.of(language))
        scanner.run()
        return TokenList(scanner.tokens, bytes: bytes)
    }

    /// The code inside an interpolated literal's top-level `\(…)`, `${…}` or `{…}` (nested ones stay inside it),
    /// found by scanning the literal's bytes again: a literal is self-contained, so it scans to the same token.
    func interpolations(of token: Token, in list: TokenList) -> [[UInt8]] {
        guard token.kind == .string, token.isInterpolated else { return [] }
        var scanner = Scanner(bytes: Array(list.bytes[token.range.clamped(to: 0..<list.bytes.count)]), syntax: LexicalSyntax.of(language))
        scanner.collectsParts = true
        scanner.run()
        return scanner.firstParts ?? []
    }
}

/// What differs between the languages at the lexical level.
struct LexicalSyntax: Sendable {
    var hashComments = false
    var slashComments = true
    var nestedBlockComments = false
    var singleQuoteStrings = false
    var singleQuoteChars = false
    var tripleQuoteStrings = false
    var pythonPrefixes = false
    var swiftRawStrings = false
    var swiftInterpolation = false
    var templateLiterals = false
    var goRawStrings = false
    var regexLiterals = false
    var dollarInIdentifiers = false
    var keywords = KeywordTable([])

    static func of(_ language: SourceLanguage) -> LexicalSyntax {
        var syntax = LexicalSyntax()
        syntax.keywords = Keywords.table(language)
        switch language {
        case .swift:
            syntax.nestedBlockComments = true
            syntax.tripleQuoteStrings = true
            syntax.swiftRawStrings = true
            syntax.swiftInterpolation = true
        case .python:
            syntax.hashComments = true
            syntax.slashComments = false
            syntax.singleQuoteStrings = true
            syntax.tripleQuoteStrings = true
            syntax.pythonPrefixes = true
        case .javascript, .typescript:
            syntax.singleQuoteStrings = true
            syntax.templateLiterals = true
            syntax.regexLiterals = true
            syntax.dollarInIdentifiers = true
        case .go:
            syntax.singleQuoteChars = true
            syntax.goRawStrings = true
        case .java:
            syntax.singleQuoteChars = true
            syntax.tripleQuoteStrings = true
            syntax.dollarInIdentifiers = true
        }
        return syntax
    }
}

/// One level of an open literal while scanning nested interpolations.
private enum LiteralFrame {
    /// Inside a string: its closing quote (`"`, `'`, `"""`), Swift raw-string hashes, whether `\` escapes.
    case string(close: [UInt8], hashes: Int, escapes: Bool)
    /// Inside a JavaScript template literal.
    case template
    /// Inside code of an interpolation: brackets opened since it started; the closing one ends it.
    case code(depth: Int)
}

private struct Scanner {
    let bytes: [UInt8]
    let syntax: LexicalSyntax
    var index = 0
    var line = 1
    var tokens: [Token] = []
    /// Keep the interpolated code of the first literal (for `Tokenizer.interpolations(of:)`).
    var collectsParts = false
    var firstParts: [[UInt8]]?

    /// Byte classes read on every byte, held here rather than behind a `static let`'s once-check.
    private let identifierStarts: ByteClass
    private let identifierParts: ByteClass
    private let punctuationBytes = Scanner.punctuation
    private let operatorStartBytes = Scanner.operatorBytes

    init(bytes: [UInt8], syntax: LexicalSyntax) {
        self.bytes = bytes
        self.syntax = syntax
        let letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_"
        identifierStarts = ByteClass(syntax.dollarInIdentifiers ? letters + "$" : letters)
        identifierParts = ByteClass(letters + "0123456789$")
        // About one token per 8 bytes of typical code; more grow the array. A generous guess (a quarter of the
        // bytes) made a 20 KB file's array cross glibc's mmap threshold, and every analysis paid page faults.
        tokens.reserveCapacity(bytes.count / 8)
    }

    func byte(_ offset: Int = 0) -> UInt8 {
        let at = index + offset
        return at < bytes.count ? bytes[at] : 0
    }

    mutating func emit(_ kind: TokenKind, from start: Int, line startLine: Int, interpolated: Bool = false, parts: [Range<Int>] = []) {
        append(kind, start..<min(index, bytes.count), line: startLine, endLine: line, interpolated: interpolated || !parts.isEmpty)
        if collectsParts, firstParts == nil, kind == .string {
            firstParts = parts.map { Array(bytes[$0.clamped(to: 0..<bytes.count)]) }
        }
    }

    mutating func append(_ kind: TokenKind, _ range: Range<Int>, line startLine: Int, endLine: Int, interpolated: Bool = false) {
        let spaceBefore = separated(range.lowerBound)
        let token = bytes.withUnsafeBufferPointer { all in
            Token(kind: kind, bytes: all, range: range, line: startLine, endLine: endLine, isInterpolated: interpolated, spaceBefore: spaceBefore)
        }
        tokens.append(token)
    }

    func separated(_ start: Int) -> Bool {
        guard start > 0 else { return true }
        let before = bytes[start - 1]
        if before == UInt8(ascii: " ") || before == UInt8(ascii: "\t") || before == UInt8(ascii: "\n") || before == UInt8(ascii: "\r") { return true }
        return start > 1 && before == UInt8(ascii: "/") && bytes[start - 2] == UInt8(ascii: "*")
    }

    mutating func run() {
        while index < bytes.count {
            let c = byte()
            let start = index
            let startLine = line
            switch c {
            case UInt8(ascii: "\n"):
                index += 1
                append(.newline, start..<index, line: line, endLine: line)
                line += 1
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), 0x0B, 0x0C:
                index += 1
                while index < bytes.count, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") { index += 1 }
            case UInt8(ascii: "\\") where byte(1) == UInt8(ascii: "\n") || (byte(1) == UInt8(ascii: "\r") && byte(2) == UInt8(ascii: "\n")):
                // A line continuation (Python, macros): the logical line goes on.
                index += byte(1) == UInt8(ascii: "\n") ? 2 : 3
                line += 1
            case UInt8(ascii: "#") where syntax.hashComments:
                skipToLineEnd()
                emit(.comment, from: start, line: startLine)
            case UInt8(ascii: "/") where syntax.slashComments && byte(1) == UInt8(ascii: "/"):
                skipToLineEnd()
                emit(.comment, from: start, line: startLine)
            case UInt8(ascii: "/") where syntax.slashComments && byte(1) == UInt8(ascii: "*"):
                skipBlockComment()
                emit(.comment, from: start, line: startLine)
            case UInt8(ascii: "\""):
                scanQuoted()
            case UInt8(ascii: "#") where syntax.swiftRawStrings && isRawStringStart():
                scanQuoted()
            case UInt8(ascii: "'") where syntax.singleQuoteStrings:
                scanQuoted()
            case UInt8(ascii: "'") where syntax.singleQuoteChars:
                scanCharLiteral()
            case UInt8(ascii: "`") where syntax.templateLiterals:
                scanNested(first: .template, skip: 1)
            case UInt8(ascii: "`") where syntax.goRawStrings:
                index += 1
                while index < bytes.count, byte() != UInt8(ascii: "`") { advance() }
                if index < bytes.count { index += 1 }
                emit(.string, from: start, line: startLine)
            case UInt8(ascii: "/") where syntax.regexLiterals && regexAllowed() && scanRegex():
                emit(.string, from: start, line: startLine)
            case _ where isDigit(c) || (c == UInt8(ascii: ".") && isDigit(byte(1))):
                scanNumber()
                emit(.number, from: start, line: startLine)
            case _ where isIdentifierStart(c):
                if syntax.pythonPrefixes, let prefixLength = pythonStringPrefix() {
                    index += prefixLength
                    scanQuoted(from: start)
                    break
                }
                skipIdentifierParts()
                let end = index
                let isKeyword = bytes.withUnsafeBufferPointer { syntax.keywords.contains($0, start..<end) }
                let kind: TokenKind = isKeyword ? .keyword : .identifier
                append(kind, start..<index, line: line, endLine: line)
            case UInt8(ascii: "`"):
                // Swift escaped identifiers (`` `default` ``) and Java/Go stray backticks.
                index += 1
                skipIdentifierParts()
                if byte() == UInt8(ascii: "`") { index += 1 }
                emit(.identifier, from: start, line: startLine)
            case UInt8(ascii: "#") where isIdentifierStart(byte(1)) && !syntax.hashComments:
                // Swift directives and macros (`#if`, `#available`), JavaScript private names (`#field`).
                index += 1
                skipIdentifierParts()
                emit(.identifier, from: start, line: startLine)
            case _ where punctuationBytes.contains(c):
                index += 1
                emit(.punctuation, from: start, line: startLine)
            case _ where operatorStartBytes.contains(c):
                scanOperator()
                emit(.operator, from: start, line: startLine)
            default:
                index += 1
                while index < bytes.count, bytes[index] & 0xC0 == 0x80 { index += 1 }
                emit(.unknown, from: start, line: startLine)
            }
        }
    }

    // MARK: pieces

    mutating func advance() {
        if byte() == UInt8(ascii: "\n") { line += 1 }
        index += 1
    }

    mutating func skipToLineEnd() {
        while index < bytes.count, byte() != UInt8(ascii: "\n") { index += 1 }
    }

    mutating func skipBlockComment() {
        index += 2
        var depth = 1
        while index < bytes.count {
            if byte() == UInt8(ascii: "*"), byte(1) == UInt8(ascii: "/") {
                index += 2
                depth -= 1
                if depth == 0 || !syntax.nestedBlockComments { return }
            } else if syntax.nestedBlockComments, byte() == UInt8(ascii: "/"), byte(1) == UInt8(ascii: "*") {
                index += 2
                depth += 1
            } else {
                advance()
            }
        }
    }

    func isRawStringStart() -> Bool {
        var offset = 0
        while byte(offset) == UInt8(ascii: "#") { offset += 1 }
        return byte(offset) == UInt8(ascii: "\"")
    }

    /// `r"`, `b'`, `f"""`, `Rb'`…: the prefix length when a Python string starts here.
    func pythonStringPrefix() -> Int? {
        var length = 0
        while length < 3 {
            let c = byte(length) | 0x20
            guard c == UInt8(ascii: "r") || c == UInt8(ascii: "b") || c == UInt8(ascii: "f") || c == UInt8(ascii: "u") || c == UInt8(ascii: "t") else { break }
            length += 1
        }
        guard length > 0, length <= 2 else { return nil }
        let quote = byte(length)
        return quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") ? length : nil
    }

    /// A string starting at `index` (after any Python prefix that began at `start`).
    mutating func scanQuoted(from start: Int? = nil) {
        let start = start ?? index
        var hashes = 0
        while byte() == UInt8(ascii: "#") {
            hashes += 1
            index += 1
        }
        let quote = byte()
        let triple = syntax.tripleQuoteStrings && byte(1) == quote && byte(2) == quote
        if syntax.swiftInterpolation {
            let close: [UInt8] = triple ? [quote, quote, quote] : [quote]
            scanNested(first: .string(close: close, hashes: hashes, escapes: true), skip: close.count, from: start)
            return
        }
        let closeCount = triple ? 3 : 1
        let startLine = line
        index += closeCount
        var parts: [Range<Int>] = []
        var partStart: Int?
        var braceDepth = 0
        let formatted = syntax.pythonPrefixes && bytes[start..<index].contains { $0 | 0x20 == UInt8(ascii: "f") }
        while index < bytes.count {
            if !formatted {
                // Text up to the next quote, backslash or line break is only skipped: a docstring in one loop.
                let end = bytes.withUnsafeBufferPointer { all in
                    var at = index
                    while at < all.count {
                        let byte = all[at]
                        if byte == quote || byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "\n") { break }
                        at += 1
                    }
                    return at
                }
                index = end
                guard index < bytes.count else { break }
            }
            let c = byte()
            if c == UInt8(ascii: "\\") {
                // Even a raw Python string cannot end on an escaped quote.
                index += 1
                if index < bytes.count { advance() }
                continue
            }
            if c == quote, !triple || (byte(1) == quote && byte(2) == quote) {
                index += closeCount
                break
            }
            if c == UInt8(ascii: "\n"), !triple { break }
            if formatted, c == UInt8(ascii: "{") {
                if partStart == nil, byte(1) == UInt8(ascii: "{") {
                    index += 1
                } else {
                    if partStart == nil { partStart = index + 1 }
                    braceDepth += 1
                }
            } else if formatted, c == UInt8(ascii: "}"), let from = partStart {
                braceDepth -= 1
                if braceDepth == 0 {
                    parts.append(from..<index)
                    partStart = nil
                }
            }
            advance()
        }
        emit(.string, from: start, line: startLine, parts: parts)
    }

    mutating func scanCharLiteral() {
        let start = index
        let startLine = line
        index += 1
        while index < bytes.count, byte() != UInt8(ascii: "'"), byte() != UInt8(ascii: "\n") {
            if byte() == UInt8(ascii: "\\") { index += 1 }
            index += 1
        }
        if byte() == UInt8(ascii: "'") { index += 1 }
        emit(.string, from: start, line: startLine)
    }

    /// Swift strings and JavaScript templates, whose interpolations hold code that holds literals again.
    mutating func scanNested(first: LiteralFrame, skip: Int, from start: Int? = nil) {
        let start = start ?? index
        let startLine = line
        index += skip
        var stack: [LiteralFrame] = [first]
        var parts: [Range<Int>] = []
        var partStart = 0
        while index < bytes.count, let frame = stack.last {
            let c = byte()
            switch frame {
            case let .string(close, hashes, _):
                if c == UInt8(ascii: "\\"), hashesFollow(hashes, at: 1) {
                    if byte(1 + hashes) == UInt8(ascii: "(") {
                        index += 2 + hashes
                        if stack.count == 1 { partStart = index }
                        stack.append(.code(depth: 0))
                    } else {
                        index += 1 + hashes
                        if index < bytes.count { advance() }
                    }
                } else if c == close[0], close.count == 1 || (byte(1) == close[1] && byte(2) == close[2]), hashesFollow(hashes, at: close.count) {
                    index += close.count + hashes
                    stack.removeLast()
                } else if c == UInt8(ascii: "\n"), close.count == 1 {
                    stack.removeLast()  // unterminated: the line ends it
                } else {
                    advance()
                }
            case .template:
                if c == UInt8(ascii: "\\") {
                    index += 1
                    if index < bytes.count { advance() }
                } else if c == UInt8(ascii: "`") {
                    index += 1
                    stack.removeLast()
                } else if c == UInt8(ascii: "$"), byte(1) == UInt8(ascii: "{") {
                    index += 2
                    if stack.count == 1 { partStart = index }
                    stack.append(.code(depth: 0))
                } else {
                    advance()
                }
            case let .code(depth):
                if c == UInt8(ascii: "(") || c == UInt8(ascii: "{") {
                    stack[stack.count - 1] = .code(depth: depth + 1)
                    index += 1
                } else if c == UInt8(ascii: ")") || c == UInt8(ascii: "}") {
                    index += 1
                    if depth == 0 {
                        if stack.count == 2 { parts.append(partStart..<(index - 1)) }
                        stack.removeLast()
                    } else {
                        stack[stack.count - 1] = .code(depth: depth - 1)
                    }
                } else if c == UInt8(ascii: "`"), syntax.templateLiterals {
                    index += 1
                    stack.append(.template)
                } else if c == UInt8(ascii: "\"") || (c == UInt8(ascii: "'") && syntax.singleQuoteStrings) || (c == UInt8(ascii: "#") && syntax.swiftRawStrings && isRawStringStart()) {
                    var hashes = 0
                    while byte(hashes) == UInt8(ascii: "#") { hashes += 1 }
                    let quote = byte(hashes)
                    let triple = syntax.tripleQuoteStrings && byte(hashes + 1) == quote && byte(hashes + 2) == quote
                    index += hashes + (triple ? 3 : 1)
                    stack.append(.string(close: triple ? [quote, quote, quote] : [quote], hashes: hashes, escapes: true))
                } else if c == UInt8(ascii: "/"), byte(1) == UInt8(ascii: "/") {
                    skipToLineEnd()
                } else if c == UInt8(ascii: "/"), byte(1) == UInt8(ascii: "*") {
                    skipBlockComment()
                } else if c == UInt8(ascii: "/"), syntax.regexLiterals, regexAllowedInInterpolation(), scanRegex() {
                    continue  // `${s.replace(/\/?$/, '')}`: a `/`, `{` or quote in the pattern is not code
                } else {
                    advance()
                }
            }
        }
        if stack.count >= 2, case .code = stack[1] { parts.append(partStart..<index) }
        emit(.string, from: start, line: startLine, parts: parts)
    }

    func hashesFollow(_ count: Int, at offset: Int) -> Bool {
        var i = 0
        while i < count {
            if byte(offset + i) != UInt8(ascii: "#") { return false }
            i += 1
        }
        return true
    }

    /// A `/` starts a regular expression where an operand is expected (after an operator, `(`, `,`, `return`…).
    func regexAllowed() -> Bool {
        guard byte(1) != UInt8(ascii: "/"), byte(1) != UInt8(ascii: "*") else { return false }
        guard let last = tokens.last(where: { $0.kind != .newline && $0.kind != .comment }) else { return true }
        switch last.kind {
        case .identifier, .number, .string: return false
        case .keyword: return Self.regexAfterKeywords.contains(last)
        case .punctuation: return last != ")" && last != "]"
        case .operator: return last != "++" && last != "--"
        default: return true
        }
    }

    /// Inside `${…}` there are no tokens yet: a `/` opens a regex after the punctuation lizard names
    /// (`= , ( { [ ? : ! & | ;`), as at the start of the interpolation.
    func regexAllowedInInterpolation() -> Bool {
        guard byte(1) != UInt8(ascii: "/"), byte(1) != UInt8(ascii: "*") else { return false }
        var at = index - 1
        while at >= 0, bytes[at] == UInt8(ascii: " ") || bytes[at] == UInt8(ascii: "\t") || bytes[at] == UInt8(ascii: "\n") || bytes[at] == UInt8(ascii: "\r") {
            at -= 1
        }
        guard at >= 0 else { return true }
        switch bytes[at] {
        case UInt8(ascii: "="), UInt8(ascii: ","), UInt8(ascii: "("), UInt8(ascii: "{"), UInt8(ascii: "["), UInt8(ascii: "?"),
             UInt8(ascii: ":"), UInt8(ascii: "!"), UInt8(ascii: "&"), UInt8(ascii: "|"), UInt8(ascii: ";"):
            return true
        default:
            return false
        }
    }

    /// Scans `/…/flags` on one line; false (and nothing consumed) when it is no regex after all.
    mutating func scanRegex() -> Bool {
        var at = index + 1
        var inClass = false
        while at < bytes.count {
            let c = bytes[at]
            if c == UInt8(ascii: "\n") { return false }
            if c == UInt8(ascii: "\\") {
                at += 2
                continue
            }
            if c == UInt8(ascii: "[") { inClass = true } else if c == UInt8(ascii: "]") { inClass = false } else if c == UInt8(ascii: "/"), !inClass {
                at += 1
                while at < bytes.count, isIdentifierPart(bytes[at]) { at += 1 }
                index = at
                return true
            }
            at += 1
        }
        return false
    }

    mutating func scanNumber() {
        index += 1
        while index < bytes.count {
            let c = byte()
            if isIdentifierPart(c) {
                // exponents with a sign: 1e-5, 0x1p+3
                if (c | 0x20 == UInt8(ascii: "e") || c | 0x20 == UInt8(ascii: "p")), byte(1) == UInt8(ascii: "-") || byte(1) == UInt8(ascii: "+") {
                    index += 1
                }
                index += 1
            } else if c == UInt8(ascii: "."), isDigit(byte(1)) {
                index += 1
            } else {
                break
            }
        }
    }

    mutating func scanOperator() {
        for candidate in Self.operators where matches(candidate) {
            index += candidate.count
            return
        }
        index += 1
    }

    func matches(_ candidate: [UInt8]) -> Bool {
        var i = 0
        while i < candidate.count {
            if byte(i) != candidate[i] { return false }
            i += 1
        }
        return true
    }

    func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    /// ASCII letters, `_`, `$` where the language allows it, and every byte of a multi-byte character.
    @inline(__always)
    func isIdentifierStart(_ c: UInt8) -> Bool { c >= 0x80 || identifierStarts.contains(c) }

    @inline(__always)
    func isIdentifierPart(_ c: UInt8) -> Bool { c >= 0x80 || identifierParts.contains(c) }

    mutating func skipIdentifierParts() {
        let end = bytes.withUnsafeBufferPointer { all in
            var at = index
            while at < all.count, isIdentifierPart(all[at]) { at += 1 }
            return at
        }
        index = end
    }

    static let punctuation = ByteClass("()[]{},;:.@#")
    static let operatorBytes = ByteClass("+-*/%=<>!&|^~?\\$")
    /// Longest first, so `===` wins over `==`.
    static let operators: [[UInt8]] = [
        ">>>=", "===", "!==", "**=", "<<=", ">>=", "&&=", "||=", "??=", "...", "..<", ">>>", "//=",
        "==", "!=", "<=", ">=", "&&", "||", "??", "?.", "->", "=>", "++", "--", "+=", "-=", "*=", "/=", "%=",
        "&=", "|=", "^=", "<<", ">>", "**", ":=", "//",
    ].map { Array($0.utf8) }
    static let regexAfterKeywords = TokenSet([
        "return", "typeof", "instanceof", "in", "of", "new", "delete", "void", "throw", "case", "do", "else", "yield", "await",
    ])
}

/// A set of ASCII bytes as a 128-bit mask: membership without hashing (a `Set<UInt8>` hashes every byte).
struct ByteClass: Sendable {
    private let low: UInt64
    private let high: UInt64

    init(_ members: String) {
        var low: UInt64 = 0
        var high: UInt64 = 0
        for byte in members.utf8 {
            precondition(byte < 128, "ByteClass holds ASCII bytes")
            if byte < 64 { low |= 1 << UInt64(byte) } else { high |= 1 << UInt64(byte - 64) }
        }
        self.low = low
        self.high = high
    }

    @inline(__always)
    func contains(_ byte: UInt8) -> Bool {
        byte < 64 ? low & (1 << UInt64(byte)) != 0 : byte < 128 && high & (1 << UInt64(byte - 64)) != 0
    }
}
