import Foundation

/// The languages the static analysis understands. The raw value is what requests and reports carry.
public enum SourceLanguage: String, Codable, Sendable, CaseIterable {
    case swift, python, javascript, typescript, go, java

    /// A language from a request's tag or a file extension, case-insensitive (`js`, `mjs`, `tsx`, `py`, `golang`…).
    public init?(tag: String) {
        let key = tag.trimmingCharacters(in: .whitespaces).lowercased()
        let trimmed = key.hasPrefix(".") ? String(key.dropFirst()) : key
        guard let language = Self.aliases[trimmed] else { return nil }
        self = language
    }

    private static let aliases: [String: SourceLanguage] = [
        "swift": .swift,
        "python": .python, "py": .python, "python3": .python, "pyw": .python, "pyi": .python,
        "javascript": .javascript, "js": .javascript, "mjs": .javascript, "cjs": .javascript, "jsx": .javascript,
        "node": .javascript, "nodejs": .javascript, "ecmascript": .javascript,
        "typescript": .typescript, "ts": .typescript, "tsx": .typescript, "mts": .typescript, "cts": .typescript,
        "go": .go, "golang": .go,
        "java": .java,
    ]
}

extension SourceLanguage {
    /// The language code most likely is, from distinctive tokens; nil when nothing is distinctive enough.
    public static func detect(_ code: String) -> SourceLanguage? {
        LanguageDetector.detect(code)
    }
}
