import Foundation

extension UUID {
    /// The fleet's one spelling of an id: lower case (RFC 9562 §4), in bodies, tokens, Redis keys and events alike.
    /// `UUID(uuidString:)` accepts either case, so input stays case-insensitive. Written straight into one 36-byte
    /// string (`uuidString.lowercased()` formatted through Foundation and allocated twice; every id of every response,
    /// key and log line is spelled here).
    public var lowercasedString: String {
        withUnsafeBytes(of: uuid) { bytes in
            String(unsafeUninitializedCapacity: 36) { buffer in
                let digits: StaticString = "0123456789abcdef"
                var at = 0
                for (index, byte) in bytes.enumerated() {
                    if index == 4 || index == 6 || index == 8 || index == 10 {
                        buffer[at] = UInt8(ascii: "-")
                        at += 1
                    }
                    buffer[at] = digits.utf8Start[Int(byte >> 4)]
                    buffer[at + 1] = digits.utf8Start[Int(byte & 0x0F)]
                    at += 2
                }
                return at
            }
        }
    }

    /// A new random id (version 4, RFC 9562 §5.4): 122 bits from the system's generator in one call (`RandomWords`).
    /// The fleet makes its ids here, not with `UUID()`: on Linux that one opens, reads and closes `/dev/urandom` for
    /// every id — three system calls per request for its request id alone.
    public static func random() -> UUID {
        RandomWords.next(2) { words in UUID(randomHigh: words[0], low: words[1]) }
    }

    /// The version and variant bits set on 128 random ones (`xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx`).
    init(randomHigh high: UInt64, low: UInt64) {
        var bytes: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &bytes) { raw in
            raw.storeBytes(of: high.bigEndian, toByteOffset: 0, as: UInt64.self)
            raw.storeBytes(of: low.bigEndian, toByteOffset: 8, as: UInt64.self)
            raw[6] = (raw[6] & 0x0F) | 0x40
            raw[8] = (raw[8] & 0x3F) | 0x80
        }
        self.init(uuid: bytes)
    }
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
