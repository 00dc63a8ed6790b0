import Foundation

/// The position a list page ends at: a keyset `(createdAt, id)`, written `v1.<unix seconds>.<id>`.
///
/// Not signed and not secret: a made-up cursor only moves the start of a list of the caller's own items, which grants
/// nothing. Plain text rather than base64, so that its form is a regular expression the OpenAPI document states
/// (`pattern`), and every string of that form is a cursor the server takes — a client (or a fuzzer) can tell a valid
/// cursor from an invalid one without asking.
public struct PageCursor: Sendable, Equatable {
    public var seconds: Int64
    public var id: UUID

    public init(seconds: Int64, id: UUID) {
        self.seconds = seconds
        self.id = id
    }

    public var token: String { "v1.\(seconds).\(id.lowercasedString)" }

    /// Seconds have at most 12 digits (until the year 33658), so they always fit the database's timestamps.
    public static let pattern =
        "^v1\\.[0-9]{1,12}\\.[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"

    public init(token: String, field: String = "cursor") throws(AppError) {
        let invalid = AppError.validation(field, "\(field) is not one this service issued; use the nextCursor of a previous page.")
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "v1", (1...12).contains(parts[1].count), parts[1].allSatisfy({ $0.isASCII && $0.isNumber }),
              let seconds = Int64(parts[1]), parts[2].count == 36, let id = UUID(uuidString: String(parts[2]))
        else { throw invalid }
        self.init(seconds: seconds, id: id)
    }
}
