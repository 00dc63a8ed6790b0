import Testing
import CodeAnalysis

@Suite("Source languages")
struct SourceLanguageTests {
    @Test("tags and extensions name languages, case-insensitively", arguments: [
        ("swift", SourceLanguage.swift), ("Python", .python), ("py", .python), ("JS", .javascript), ("mjs", .javascript),
        ("cjs", .javascript), ("jsx", .javascript), ("ts", .typescript), ("TSX", .typescript), ("golang", .go), ("go", .go),
        ("java", .java), (".py", .python),
    ])
    func tags(_ tag: String, _ language: SourceLanguage) {
        #expect(SourceLanguage(tag: tag) == language)
    }

    @Test("unknown tags are nil", arguments: ["", "cobol", "c++", "pythonx"])
    func unknownTags(_ tag: String) {
        #expect(SourceLanguage(tag: tag) == nil)
    }
}
