import Contracts
import Foundation

/// A project's identity. A type of its own so that a user id can never be passed where a project id is meant.
struct ProjectID: Hashable, Sendable, CustomStringConvertible {
    let rawValue: UUID

    init(_ rawValue: UUID) { self.rawValue = rawValue }

    static func generate() -> ProjectID { ProjectID(UUID.random()) }

    /// The distributed lock's resource: with the lock's default `lock:` prefix the key is `lock:project:<id>`
    /// (docs/api.md). Lower-case, like every id this fleet puts into a Redis key.
    var lockResource: String { "project:" + rawValue.lowercasedString }

    var description: String { rawValue.lowercasedString }
}
