/// A function as the scanners find it, before its complexity is counted: which tokens of the code it owns.
struct FunctionSpan {
    var name: String
    /// Index (in the code tokens) of the first token whose decision points count for it.
    var start: Int
    /// Index of its last token (the closing `}`, or the last token of an expression body).
    var end: Int
    var startLine: Int
    var endLine: Int
    var parameters: [String] = []
    /// Decision points of the header that are no tokens (JavaScript parameter defaults).
    var extraConditions = 0
    var maxNesting = 0
    /// Index of the first token of the declaration including modifiers and attributes (for docs and visibility).
    var declarationStart: Int
    var modifiers: Set<String> = []
    var isPublic = false
    var isDocumented = false
    var signature = ""
    /// Whether lizard would list it (Python's one-line `def` never opens a body, so it is not).
    var reported = true
}

/// Block-bracket partners, found with an explicit stack (no recursion, any depth).
struct BracketMatches {
    private(set) var partner: [Int]

    init(_ code: TokenList) {
        partner = Array(repeating: -1, count: code.count)
        var open: [Int] = []
        var openBytes: [UInt8] = []
        for (index, token) in code.enumerated() where token.kind == .punctuation {
            let byte = token.firstByte
            switch byte {
            case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
                open.append(index)
                openBytes.append(byte)
            case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
                let opener = byte == UInt8(ascii: ")") ? UInt8(ascii: "(") : byte == UInt8(ascii: "]") ? UInt8(ascii: "[") : UInt8(ascii: "{")
                // A stray closer does not unwind openers of another kind.
                if let last = open.last, openBytes.last == opener {
                    open.removeLast()
                    openBytes.removeLast()
                    partner[last] = index
                    partner[index] = last
                }
            default:
                break
            }
        }
    }

    subscript(_ index: Int) -> Int? {
        let other = partner[index]
        return other >= 0 ? other : nil
    }
}
