import Foundation

/// The limits API.md and the projects service agree on, in one place for the DTOs, the service and the tests.
public enum ProjectRules {
    public static let nameLength = 1...200
    public static let maxDescriptionLength = 10_000
    public static let defaultClaimTTLSeconds = 300
    public static let claimTTLSeconds = 1...3600
    /// Source code sent for analysis: the same 1 MiB the gateway allows for a whole body.
    public static let maxCodeBytes = 1_048_576
    /// A language tag such as `swift` or `objective-c++`; it names an analyzer, it is not prose.
    public static let maxLanguageLength = 50

    static func validateName(_ name: String) throws(AppError) {
        try Check.trimmedLength(name, "name", nameLength)
        try Check.noControlCharacters(name, "name")
    }

    static func validateDescription(_ description: String?) throws(AppError) {
        guard let description else { return }
        try Check.length(description, "description", 0...maxDescriptionLength)
    }

    static func validateCode(_ code: String, field: String = "code") throws(AppError) {
        guard !code.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw AppError.validation(field, "\(field) must not be empty.")
        }
        try Check.byteLength(code, field, 1...maxCodeBytes)
    }

    static func validateLanguage(_ language: String?, field: String = "language") throws(AppError) {
        guard let language else { return }
        try Check.trimmedLength(language, field, 1...maxLanguageLength)
        try Check.noControlCharacters(language, field)
    }
}
