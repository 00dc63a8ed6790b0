import Contracts
import Foundation

/// A position in a member's project list: the last project of a page, by `(createdAt, id)`. Pages are in creation
/// order, oldest first, so projects created while someone pages through still show up on a later page.
///
/// On the wire it is a `PageCursor` (`v1.<seconds>.<id>`).
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

    var token: String { PageCursor(seconds: Int64(createdAt.timeIntervalSince1970), id: id).token }

    init(token: String) throws(AppError) {
        let cursor = try PageCursor(token: token)
        self.init(createdAt: Date(timeIntervalSince1970: TimeInterval(cursor.seconds)), id: cursor.id)
    }
}
