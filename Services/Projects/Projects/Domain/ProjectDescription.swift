import Contracts

/// A project description: free text of at most 10 000 characters without control characters other than tab and line breaks, kept exactly as written (line breaks and
/// indentation are part of it). Empty when the project has none.
struct ProjectDescription: Hashable, Sendable {
    let value: String

    static let empty = ProjectDescription(stored: "")

    init(_ raw: String, field: String = "description") throws(AppError) {
        try raw.check(as: ProjectRules.description, field)
        value = raw
    }

    /// A value read back from the database, which only ever holds validated descriptions.
    init(stored: String) { value = stored }
}
