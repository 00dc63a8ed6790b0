import Foundation

/// The limits docs/api.md and the projects service agree on, in one place for the DTOs, the service and the tests.
public enum ProjectRules {
    public static let nameLength = 1...200
    public static let maxDescriptionLength = 10_000
    public static let defaultClaimTTLSeconds = 300
    public static let claimTTLSeconds = 1...3600
    /// A language tag such as `swift` or `objective-c++`; it names an analyzer, it is not prose.
    public static let maxLanguageLength = 50

    public static let name = TextRule(length: nameLength, requiresContent: true)
    public static let description = TextRule(length: 0...maxDescriptionLength, lines: .multi)
    // Code sent for analysis follows the AI gateway's rule, `AIRules.code`.
    public static let language = TextRule(length: 1...maxLanguageLength, requiresContent: true)

    static func validateName(_ name: String) throws(AppError) {
        try name.check(as: Self.name, "name")
    }

    static func validateDescription(_ description: String?) throws(AppError) {
        guard let description else { return }
        try description.check(as: Self.description, "description")
    }

    static func validateLanguage(_ language: String?, field: String = "language") throws(AppError) {
        guard let language else { return }
        try language.check(as: Self.language, field)
    }
}
