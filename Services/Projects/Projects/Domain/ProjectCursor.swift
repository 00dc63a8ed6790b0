import Contracts
import Foundation

/// A position in a member's project list: the last project of a page, by `(createdAt, id)`. Pages are in creation
/// order, oldest first, so projects created while someone pages through still show up on a later page.
///
/// On the wire it is an opaque token (`v1.<seconds>.<id>`, base64url). It is not signed: a made-up cursor only moves
/// the start of a list of the caller's own projects, which grants nothing.
struct ProjectCursor: Sendable, Equatable {
    let createdAt: Date
    let id: UUID

    init(createdAt: Date, id: UUID) {
        self.createdAt = createdAt
        self.id = id
    }

    /// The cursor of the page that starts after `project`.
    init(after project: ProjectAggregate) {
        self.init(createdAt: project.createdAt, id: project.id.rawValue)
    }

    var token: String {
        let plain = "v1.\(Int64(createdAt.timeIntervalSince1970)).\(id.uuidString.lowercased())"
        return Data(plain.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    init(token: String) throws(AppError) {
        let invalid = AppError.validation("cursor", "cursor is not one this service issued; use the nextCursor of a previous page.")
        var base64 = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let plain = String(data: data, encoding: .utf8) else { throw invalid }
        let parts = plain.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "v1", let seconds = Int64(parts[1]), let id = UUID(uuidString: String(parts[2])) else {
            throw invalid
        }
        self.init(createdAt: Date(timeIntervalSince1970: TimeInterval(seconds)), id: id)
    }
}
