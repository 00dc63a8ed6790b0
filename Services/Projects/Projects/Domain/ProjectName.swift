import Contracts

/// A project name: 1–200 characters (`ProjectRules.name`: not blank, no control characters). Stored trimmed,
/// so two names that differ only in padding are the same name.
struct ProjectName: Hashable, Sendable {
    let value: String

    init(_ raw: String, field: String = "name") throws(AppError) {
        try raw.check(as: ProjectRules.name, field)
        value = raw.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A value read back from the database, which only ever holds validated names.
    init(stored: String) { value = stored }
}
