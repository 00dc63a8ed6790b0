import Foundation

/// The `?limit=1..100&cursor=…` of every list endpoint.
public struct PageRequest: Codable, Sendable, Equatable, Validatable {
    public static let defaultLimit = 20
    public static let limitRange = 1...100
    /// The longest cursor (`PageCursor`): `v1.` + 12 digits + `.` + a UUID.
    public static let maxCursorLength = 52

    public var limit: Int
    public var cursor: String?

    public init(limit: Int = PageRequest.defaultLimit, cursor: String? = nil) {
        self.limit = limit
        self.cursor = cursor
    }

    /// Reads the raw query values of a request; a `limit` that is not an integer is a validation error, an empty
    /// `cursor` means "first page". The result is validated.
    public static func parse(limit: String?, cursor: String?) throws(AppError) -> PageRequest {
        var page = PageRequest()
        if let limit {
            guard let value = Int(limit) else { throw AppError.validation("limit", "limit must be an integer.") }
            page.limit = value
        }
        if let cursor, !cursor.isEmpty { page.cursor = cursor }
        try page.validate()
        return page
    }

    public func validate() throws(AppError) {
        try Check.range(limit, "limit", Self.limitRange)
        if let cursor {
            _ = try PageCursor(token: cursor)
        }
    }
}
