import Contracts
import Foundation

/// A user of the auth service, as the verified token named them. Projects cannot check that a user id exists
/// (users live in auth's schema, which no other service reads), so a collaborator id is trusted to be one.
struct UserID: Hashable, Sendable, CustomStringConvertible {
    let rawValue: UUID

    init(_ rawValue: UUID) { self.rawValue = rawValue }

    init(_ caller: Caller) { self.rawValue = caller.userId }

    /// The lock owner this user claims under. One owner per user (not per request) is what makes a re-claim by the
    /// holder return its current tenure instead of a 423.
    var lockOwner: String { rawValue.lowercasedString }

    init?(lockOwner: String) {
        guard let id = UUID(uuidString: lockOwner) else { return nil }
        self.rawValue = id
    }

    var description: String { rawValue.lowercasedString }
}
