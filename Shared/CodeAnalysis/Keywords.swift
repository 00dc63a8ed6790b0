/// Reserved words per language; the tokenizer marks them `.keyword` (contextual words stay identifiers).
enum Keywords {
    /// The reserved words of `language` as a `KeywordTable`, built once per language.
    static func table(_ language: SourceLanguage) -> KeywordTable {
        switch language {
        case .swift: swiftTable
        case .python: pythonTable
        case .javascript: javascriptTable
        case .typescript: typescriptTable
        case .go: goTable
        case .java: javaTable
        }
    }

    private static let swiftTable = KeywordTable(of(.swift))
    private static let pythonTable = KeywordTable(of(.python))
    private static let javascriptTable = KeywordTable(of(.javascript))
    private static let typescriptTable = KeywordTable(of(.typescript))
    private static let goTable = KeywordTable(of(.go))
    private static let javaTable = KeywordTable(of(.java))

    static func of(_ language: SourceLanguage) -> Set<String> {
        switch language {
        case .swift: swift
        case .python: python
        case .javascript: javascript
        case .typescript: javascript.union(typescriptExtra)
        case .go: go
        case .java: java
        }
    }

    static let swift: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init", "inout",
        "internal", "let", "open", "operator", "private", "protocol", "public", "static", "struct", "subscript",
        "typealias", "var", "break", "case", "continue", "default", "defer", "do", "else", "fallthrough", "for", "guard",
        "if", "in", "repeat", "return", "switch", "where", "while", "as", "catch", "false", "is", "nil", "rethrows",
        "super", "self", "Self", "throw", "throws", "true", "try", "actor", "async", "await",
    ]
    static let python: Set<String> = [
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
        "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
        "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
    ]
    static let javascript: Set<String> = [
        "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do", "else", "export",
        "extends", "finally", "for", "function", "if", "import", "in", "instanceof", "new", "return", "super", "switch",
        "this", "throw", "try", "typeof", "var", "void", "while", "with", "yield", "let", "static", "async", "await",
        "null", "true", "false", "of",
    ]
    static let typescriptExtra: Set<String> = [
        "interface", "type", "enum", "implements", "private", "protected", "public", "readonly", "abstract", "declare",
        "namespace", "as", "keyof",
    ]
    static let go: Set<String> = [
        "break", "case", "chan", "const", "continue", "default", "defer", "else", "fallthrough", "for", "func", "go",
        "goto", "if", "import", "interface", "map", "package", "range", "return", "select", "struct", "switch", "type",
        "var",
    ]
    static let java: Set<String> = [
        "abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class", "const", "continue",
        "default", "do", "double", "else", "enum", "extends", "final", "finally", "float", "for", "goto", "if",
        "implements", "import", "instanceof", "int", "interface", "long", "native", "new", "package", "private",
        "protected", "public", "return", "short", "static", "strictfp", "super", "switch", "synchronized", "this",
        "throw", "throws", "transient", "try", "void", "volatile", "while", "true", "false", "null", "record", "var",
    ]
}

/// Whole-word membership on bytes: a word is looked up by its `TokenKey` in a `TokenSet` (no `String`, no
/// seeded hashing); every keyword of every language fits its 16 bytes.
struct KeywordTable: Sendable {
    private let words: TokenSet

    init(_ words: Set<String>) { self.words = TokenSet(words) }

    /// Whether `all[range]` is a keyword.
    func contains(_ all: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard range.count <= TokenKey.capacity else { return false }
        let (head, tail) = TokenKey.pack(all, range)
        return words.contains(key: TokenKey(head: head, tail: tail, length: Int32(range.count)))
    }
}
