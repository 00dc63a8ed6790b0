import Contracts
import Foundation

/// The text `projects edit` puts in the editor (or reads from `--from`): a header of `name:` and `status:` lines,
/// a blank line, then the description as it is, over as many lines as it takes.
///
///     # comment lines in the header are ignored
///     name: Compiler
///     status: active
///
///     A toy compiler.
struct ProjectDocument: Equatable {
    var name: String
    var status: ProjectStatus
    var description: String

    init(name: String, status: ProjectStatus, description: String) {
        self.name = name
        self.status = status
        self.description = description
    }

    init(_ project: Project) {
        self.init(name: project.name, status: project.status, description: project.description)
    }

    var text: String {
        """
        # Edit the project, save and quit. Lines starting with # in this header are ignored;
        # the description is everything after the first blank line. Status: \(ProjectStatus.allCases.map(\.rawValue).joined(separator: " or ")).
        name: \(name)
        status: \(status.rawValue)

        \(description)
        """ + (description.hasSuffix("\n") || description.isEmpty ? "" : "\n")
    }

    /// Reads an edited document; a header it cannot read is a `VALIDATION_FAILED` naming the line.
    init(parsing text: String) throws(AppError) {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n")
        var lines = normalized.split(separator: "\n", omittingEmptySubsequences: false)[...]
        var fields: [String: String] = [:]
        var number = 0
        while let line = lines.first {
            lines = lines.dropFirst()
            number += 1
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { break }
            if trimmed.hasPrefix("#") { continue }
            guard let colon = trimmed.firstIndex(of: ":") else {
                throw AppError.validation("line \(number)", "Line \(number) should be `name: …` or `status: …`, then a blank line and the description.")
            }
            let key = trimmed[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = trimmed[trimmed.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            guard ["name", "status"].contains(key) else {
                throw AppError.validation(key, "Line \(number): unknown field `\(key)`; the header has name and status.")
            }
            guard fields[key] == nil else { throw AppError.validation(key, "Line \(number): `\(key)` appears twice.") }
            fields[key] = value
        }
        guard let name = fields["name"] else { throw AppError.validation("name", "The header has no `name:` line.") }
        let statusText = fields["status"] ?? ProjectStatus.active.rawValue
        guard let status = ProjectStatus(rawValue: statusText.lowercased()) else {
            throw AppError.validation("status", "status must be one of \(ProjectStatus.allCases.map(\.rawValue).joined(separator: ", ")) (got `\(statusText)`).")
        }
        var description = lines.joined(separator: "\n")
        while description.hasSuffix("\n") { description.removeLast() }
        self.init(name: name, status: status, description: description)
    }

    /// The PATCH that turns `original` into this document: only what changed, nil when nothing did.
    func changes(from original: ProjectDocument) -> UpdateProjectRequest? {
        var request = UpdateProjectRequest()
        if name != original.name { request.name = name }
        if status != original.status { request.status = status }
        if description != original.description { request.description = description }
        return request == UpdateProjectRequest() ? nil : request
    }
}
