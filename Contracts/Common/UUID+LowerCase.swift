import Foundation

extension UUID {
    /// The fleet's one spelling of an id: lower case (RFC 9562 §4), in bodies, tokens, Redis keys and events alike.
    /// `UUID(uuidString:)` accepts either case, so input stays case-insensitive.
    public var lowercasedString: String { uuidString.lowercased() }
}

// Foundation writes `UUID` in upper case and offers no encoder strategy to change it. These overloads are more
// specific than `encode<T: Encodable>`, so every synthesized or hand-written `Encodable` that sees Contracts — every
// DTO, event and error of the fleet — writes its ids, optional ids and id lists in lower case.
extension KeyedEncodingContainer {
    public mutating func encode(_ value: UUID, forKey key: Key) throws {
        try encode(value.lowercasedString, forKey: key)
    }

    public mutating func encodeIfPresent(_ value: UUID?, forKey key: Key) throws {
        guard let value else { return }
        try encode(value.lowercasedString, forKey: key)
    }

    /// A nil id written as `null` (hand-written `encode(to:)` that always writes the key).
    public mutating func encode(_ value: UUID?, forKey key: Key) throws {
        guard let value else { return try encodeNil(forKey: key) }
        try encode(value.lowercasedString, forKey: key)
    }

    public mutating func encode(_ value: [UUID], forKey key: Key) throws {
        try encode(value.map(\.lowercasedString), forKey: key)
    }

    public mutating func encodeIfPresent(_ value: [UUID]?, forKey key: Key) throws {
        guard let value else { return }
        try encode(value.map(\.lowercasedString), forKey: key)
    }
}

extension UnkeyedEncodingContainer {
    public mutating func encode(_ value: UUID) throws {
        try encode(value.lowercasedString)
    }
}

extension SingleValueEncodingContainer {
    public mutating func encode(_ value: UUID) throws {
        try encode(value.lowercasedString)
    }
}
