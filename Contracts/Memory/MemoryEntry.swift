import Foundation

/// `GET /api/v1/memory/kv/{key}` → `{key, data, expiresAt}`; `expiresAt` is null for a value without TTL.
public struct MemoryEntry: Codable, Sendable, Equatable {
    public var key: String
    public var data: JSONValue
    public var expiresAt: Date?

    public init(key: String, data: JSONValue, expiresAt: Date? = nil) {
        self.key = key
        self.data = data
        self.expiresAt = expiresAt
    }

    private enum CodingKeys: String, CodingKey {
        case key, data, expiresAt
    }

    /// Written by hand so `expiresAt` appears as `null` instead of missing (docs/api.md lists it without `?`).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(key, forKey: .key)
        try container.encode(data, forKey: .data)
        try container.encode(expiresAt, forKey: .expiresAt)
    }
}
