import Foundation

/// One of the caller's keys in `GET /api/v1/memory/kv`: its name and when it expires (null without TTL).
public struct MemoryKeyInfo: Codable, Sendable, Equatable {
    public var key: String
    public var expiresAt: Date?

    public init(key: String, expiresAt: Date? = nil) {
        self.key = key
        self.expiresAt = expiresAt
    }

    private enum CodingKeys: String, CodingKey {
        case key, expiresAt
    }

    /// `expiresAt` is written as `null` rather than left out, like `MemoryEntry`'s.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(key, forKey: .key)
        try container.encode(expiresAt, forKey: .expiresAt)
    }
}

/// `GET /api/v1/memory/kv?pattern=&limit=&cursor=`: a walk over the caller's keys matching a glob, a page at a time.
/// The walk is Redis' `SCAN`: a key present for the whole walk is listed at least once, one created or deleted
/// meanwhile may or may not be, and a page may hold fewer than `limit` keys (even none) while `nextCursor` is set.
public struct MemoryKeyListRequest: Sendable, Equatable, Validatable {
    public static let defaultLimit = 100
    public static let limitRange = 1...1000

    /// A glob over the caller's keys (`MemoryRules.validatePattern`); `*` lists them all.
    public var pattern: String
    public var limit: Int
    public var cursor: MemoryKeyCursor?

    public init(pattern: String = "*", limit: Int = MemoryKeyListRequest.defaultLimit, cursor: MemoryKeyCursor? = nil) {
        self.pattern = pattern
        self.limit = limit
        self.cursor = cursor
    }

    /// Reads the raw query values of a request (absent or empty: the defaults), then validates.
    public static func parse(pattern: String?, limit: String?, cursor: String?) throws(AppError) -> MemoryKeyListRequest {
        var request = MemoryKeyListRequest()
        if let pattern, !pattern.isEmpty { request.pattern = pattern }
        if let limit {
            guard let value = Int(limit) else { throw AppError.validation("limit", "limit must be an integer.") }
            request.limit = value
        }
        if let cursor, !cursor.isEmpty { request.cursor = try MemoryKeyCursor(token: cursor) }
        try request.validate()
        return request
    }

    public func validate() throws(AppError) {
        try MemoryRules.validatePattern(pattern)
        try Check.range(limit, "limit", Self.limitRange)
    }
}

/// Where a key walk goes on: the `SCAN` cursor of the batch it stopped in, and how many of that batch's matches the
/// previous page already returned. On the wire `v1.<scan>.<skip>`, both decimal.
public struct MemoryKeyCursor: Sendable, Equatable {
    public var scan: UInt64
    public var skip: Int

    public init(scan: UInt64, skip: Int) {
        self.scan = scan
        self.skip = skip
    }

    /// Matches of one batch a page can have skipped (a `SCAN` batch holds about its `COUNT`, far fewer).
    public static let skipRange = 0...999_999
    /// The longest token: `v1.` + 19 digits (every SCAN cursor of a table below 2^63 buckets) + `.` + 6 digits.
    public static let maxTokenLength = 29

    /// The token's shape for the OpenAPI document (empty means the first page); the ranges are checked on parsing.
    public static let pattern = "^$|^v1\\.[0-9]{1,19}\\.[0-9]{1,6}$"

    public init(token: String) throws(AppError) {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard token.utf8.count <= Self.maxTokenLength, parts.count == 3, parts[0] == "v1",
              parts[1].utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), parts[2].utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
              parts[1].utf8.count <= 19, let scan = UInt64(parts[1]), let skip = Int(parts[2]), Self.skipRange.contains(skip)
        else {
            throw AppError.validation("cursor", "cursor must be the nextCursor of a previous page.")
        }
        self.init(scan: scan, skip: skip)
    }

    public var token: String { "v1.\(scan).\(skip)" }
}
