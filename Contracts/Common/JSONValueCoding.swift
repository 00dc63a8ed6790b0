import Foundation

/// `Codable` values straight to and from a `JSONValue` tree, with no JSON text in between: what a typed value
/// stored in a free-form field (a blackboard contribution's `data`) goes through. The shapes are those of
/// `JSONCoding`'s coders — dates as ISO 8601 strings, `Data` as Base64, ids in lower case — so a value reads the same
/// whether it came this way or through JSON bytes. Measured: an analysis spent over half its CPU turning reports into
/// bytes and parsing them back (docs/ai.md, "Speed").
public enum JSONValueCoding {
    public static func encode(_ value: some Encodable) throws -> JSONValue {
        let slot = EncodingSlot()
        try ValueEncoder(slot: slot, codingPath: []).encodeValue(value)
        return slot.resolved()
    }

    public static func decode<T: Decodable>(_ type: T.Type, from json: JSONValue) throws -> T {
        try ValueDecoder(value: json, codingPath: []).decodeValue(type)
    }

    static func date(from string: String, codingPath: [any CodingKey]) throws -> Date {
        guard let date = try? Date.ISO8601FormatStyle().parse(string) else {
            throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: "Expected an ISO 8601 date, got \(string)."))
        }
        return date
    }
}

// MARK: - Encoding

/// One value being written: a leaf, or an object or array whose members may still be written through their own
/// containers (hence a class: containers hand out references to it).
final class EncodingSlot {
    enum Kind { case empty, value, object, array }
    var kind = Kind.empty
    var value = JSONValue.null
    var fields: [String: EncodingSlot] = [:]
    var items: [EncodingSlot] = []

    init() {}

    init(_ value: JSONValue) {
        kind = .value
        self.value = value
    }

    func set(_ value: JSONValue) {
        kind = .value
        self.value = value
    }

    /// The tree. Recursion here follows the nesting of Swift types (user JSON inside them is one leaf), never input depth.
    func resolved() -> JSONValue {
        switch kind {
        case .empty: .object([:])
        case .value: value
        case .object: .object(fields.mapValues { $0.resolved() })
        case .array: .array(items.map { $0.resolved() })
        }
    }
}

struct ValueEncoder: Encoder {
    let slot: EncodingSlot
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if slot.kind != .object {
            slot.kind = .object
            slot.fields = [:]
        }
        return KeyedEncodingContainer(KeyedValueEncoder<Key>(slot: slot, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if slot.kind != .array {
            slot.kind = .array
            slot.items = []
        }
        return UnkeyedValueEncoder(slot: slot, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleValueEncoder(slot: slot, codingPath: codingPath)
    }

    /// A value in `slot`: the types `JSONEncoder` writes specially, written the same way; the rest by their `encode(to:)`.
    func encodeValue<T: Encodable>(_ value: T) throws {
        // Type checks, not `as?` casts: comparing metadata is cheap, and most values are one of the first few.
        if T.self == String.self { return slot.set(.string(value as! String)) }
        if T.self == Int.self { return slot.set(.number(Double(value as! Int))) }
        if T.self == Double.self { return slot.set(try Self.number(value as! Double, codingPath)) }
        if T.self == Bool.self { return slot.set(.bool(value as! Bool)) }
        if T.self == JSONValue.self { return slot.set(value as! JSONValue) }
        if T.self == UUID.self { return slot.set(.string((value as! UUID).lowercasedString)) }
        if T.self == Date.self { return slot.set(.string(JSONCoding.dateString(value as! Date))) }
        if T.self == URL.self { return slot.set(.string((value as! URL).absoluteString)) }
        if T.self == Data.self { return slot.set(.string((value as! Data).base64EncodedString())) }
        try value.encode(to: self)
    }

    static func number(_ value: Double, _ codingPath: [any CodingKey]) throws -> JSONValue {
        guard value.isFinite else {
            throw EncodingError.invalidValue(value, .init(codingPath: codingPath, debugDescription: "\(value) is not a JSON number."))
        }
        return .number(value)
    }

    static func number(_ value: Float, _ codingPath: [any CodingKey]) throws -> JSONValue {
        try number(Double(value), codingPath)
    }

    static func number(_ value: some BinaryInteger) -> JSONValue {
        .number(Double(value))
    }
}

private struct KeyedValueEncoder<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let slot: EncodingSlot
    let codingPath: [any CodingKey]

    private func put(_ value: JSONValue, _ key: Key) {
        slot.fields[key.stringValue] = EncodingSlot(value)
    }

    mutating func encodeNil(forKey key: Key) throws { put(.null, key) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { put(.bool(value), key) }
    mutating func encode(_ value: String, forKey key: Key) throws { put(.string(value), key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { put(try ValueEncoder.number(value, codingPath + [key]), key) }
    mutating func encode(_ value: Float, forKey key: Key) throws { put(try ValueEncoder.number(value, codingPath + [key]), key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { put(ValueEncoder.number(value), key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { put(ValueEncoder.number(value), key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { put(ValueEncoder.number(value), key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { put(ValueEncoder.number(value), key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { put(ValueEncoder.number(value), key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { put(ValueEncoder.number(value), key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { put(ValueEncoder.number(value), key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { put(ValueEncoder.number(value), key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { put(ValueEncoder.number(value), key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { put(ValueEncoder.number(value), key) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        let member = EncodingSlot()
        slot.fields[key.stringValue] = member
        try ValueEncoder(slot: member, codingPath: codingPath + [key]).encodeValue(value)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let member = EncodingSlot()
        slot.fields[key.stringValue] = member
        return ValueEncoder(slot: member, codingPath: codingPath + [key]).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let member = EncodingSlot()
        slot.fields[key.stringValue] = member
        return ValueEncoder(slot: member, codingPath: codingPath + [key]).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        let member = EncodingSlot()
        slot.fields["super"] = member
        return ValueEncoder(slot: member, codingPath: codingPath)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        let member = EncodingSlot()
        slot.fields[key.stringValue] = member
        return ValueEncoder(slot: member, codingPath: codingPath + [key])
    }
}

/// A position in an array, as a coding key (for coding paths in errors).
struct IndexKey: CodingKey {
    let intValue: Int?
    var stringValue: String { "Index \(intValue ?? 0)" }
    init(_ index: Int) { intValue = index }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { self.intValue = intValue }
}

private struct UnkeyedValueEncoder: UnkeyedEncodingContainer {
    let slot: EncodingSlot
    let codingPath: [any CodingKey]
    var count: Int { slot.items.count }

    private func append(_ value: JSONValue) {
        slot.items.append(EncodingSlot(value))
    }

    private func nextMember() -> (EncodingSlot, [any CodingKey]) {
        let member = EncodingSlot()
        let path = codingPath + [IndexKey(slot.items.count)]
        slot.items.append(member)
        return (member, path)
    }

    mutating func encodeNil() throws { append(.null) }
    mutating func encode(_ value: Bool) throws { append(.bool(value)) }
    mutating func encode(_ value: String) throws { append(.string(value)) }
    mutating func encode(_ value: Double) throws { append(try ValueEncoder.number(value, codingPath)) }
    mutating func encode(_ value: Float) throws { append(try ValueEncoder.number(value, codingPath)) }
    mutating func encode(_ value: Int) throws { append(ValueEncoder.number(value)) }
    mutating func encode(_ value: Int8) throws { append(ValueEncoder.number(value)) }
    mutating func encode(_ value: Int16) throws { append(ValueEncoder.number(value)) }
    mutating func encode(_ value: Int32) throws { append(ValueEncoder.number(value)) }
    mutating func encode(_ value: Int64) throws { append(ValueEncoder.number(value)) }
    mutating func encode(_ value: UInt) throws { append(ValueEncoder.number(value)) }
    mutating func encode(_ value: UInt8) throws { append(ValueEncoder.number(value)) }
    mutating func encode(_ value: UInt16) throws { append(ValueEncoder.number(value)) }
    mutating func encode(_ value: UInt32) throws { append(ValueEncoder.number(value)) }
    mutating func encode(_ value: UInt64) throws { append(ValueEncoder.number(value)) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        let (member, path) = nextMember()
        try ValueEncoder(slot: member, codingPath: path).encodeValue(value)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let (member, path) = nextMember()
        return ValueEncoder(slot: member, codingPath: path).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let (member, path) = nextMember()
        return ValueEncoder(slot: member, codingPath: path).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        let (member, path) = nextMember()
        return ValueEncoder(slot: member, codingPath: path)
    }
}

private struct SingleValueEncoder: SingleValueEncodingContainer {
    let slot: EncodingSlot
    let codingPath: [any CodingKey]

    mutating func encodeNil() throws { slot.set(.null) }
    mutating func encode(_ value: Bool) throws { slot.set(.bool(value)) }
    mutating func encode(_ value: String) throws { slot.set(.string(value)) }
    mutating func encode(_ value: Double) throws { slot.set(try ValueEncoder.number(value, codingPath)) }
    mutating func encode(_ value: Float) throws { slot.set(try ValueEncoder.number(value, codingPath)) }
    mutating func encode(_ value: Int) throws { slot.set(ValueEncoder.number(value)) }
    mutating func encode(_ value: Int8) throws { slot.set(ValueEncoder.number(value)) }
    mutating func encode(_ value: Int16) throws { slot.set(ValueEncoder.number(value)) }
    mutating func encode(_ value: Int32) throws { slot.set(ValueEncoder.number(value)) }
    mutating func encode(_ value: Int64) throws { slot.set(ValueEncoder.number(value)) }
    mutating func encode(_ value: UInt) throws { slot.set(ValueEncoder.number(value)) }
    mutating func encode(_ value: UInt8) throws { slot.set(ValueEncoder.number(value)) }
    mutating func encode(_ value: UInt16) throws { slot.set(ValueEncoder.number(value)) }
    mutating func encode(_ value: UInt32) throws { slot.set(ValueEncoder.number(value)) }
    mutating func encode(_ value: UInt64) throws { slot.set(ValueEncoder.number(value)) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try ValueEncoder(slot: slot, codingPath: codingPath).encodeValue(value)
    }
}

// MARK: - Decoding

struct ValueDecoder: Decoder {
    let value: JSONValue
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let fields) = value else { throw mismatch([String: JSONValue].self) }
        return KeyedDecodingContainer(KeyedValueDecoder<Key>(fields: fields, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let items) = value else { throw mismatch([JSONValue].self) }
        return UnkeyedValueDecoder(items: items, codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleValueDecoder(decoder: self)
    }

    func mismatch(_ type: Any.Type) -> DecodingError {
        DecodingError.typeMismatch(type, .init(codingPath: codingPath, debugDescription: "Expected \(type), found \(value.kindName)."))
    }

    func decodeValue<T: Decodable>(_ type: T.Type) throws -> T {
        if type == JSONValue.self { return value as! T }
        if type == Date.self { return try JSONValueCoding.date(from: string(), codingPath: codingPath) as! T }
        if type == String.self { return try string() as! T }
        if type == Double.self { return try double() as! T }
        if type == Int.self { return try integer(Int.self) as! T }
        if type == Bool.self { return try bool() as! T }
        if type == URL.self {
            guard let url = URL(string: try string()) else { throw mismatch(URL.self) }
            return url as! T
        }
        if type == Data.self {
            guard let data = Data(base64Encoded: try string()) else { throw mismatch(Data.self) }
            return data as! T
        }
        return try T(from: self)
    }

    func string() throws -> String {
        guard case .string(let string) = value else { throw mismatch(String.self) }
        return string
    }

    func bool() throws -> Bool {
        guard case .bool(let bool) = value else { throw mismatch(Bool.self) }
        return bool
    }

    func double() throws -> Double {
        guard case .number(let number) = value else { throw mismatch(Double.self) }
        return number
    }

    func integer<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
        guard let integer = T(exactly: try double()) else {
            throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: "\(value) does not fit in \(type)."))
        }
        return integer
    }
}

private struct KeyedValueDecoder<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let fields: [String: JSONValue]
    let codingPath: [any CodingKey]
    var allKeys: [Key] { fields.keys.compactMap(Key.init(stringValue:)) }

    func contains(_ key: Key) -> Bool { fields[key.stringValue] != nil }

    private func member(_ key: Key) throws -> ValueDecoder {
        guard let value = fields[key.stringValue] else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "No value for \(key.stringValue)."))
        }
        return ValueDecoder(value: value, codingPath: codingPath + [key])
    }

    func decodeNil(forKey key: Key) throws -> Bool { try member(key).value == .null }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try member(key).bool() }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try member(key).string() }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try member(key).double() }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { Float(try member(key).double()) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try member(key).integer(type) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try member(key).integer(type) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try member(key).integer(type) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try member(key).integer(type) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try member(key).integer(type) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try member(key).integer(type) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try member(key).integer(type) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try member(key).integer(type) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try member(key).integer(type) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try member(key).integer(type) }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try member(key).decodeValue(type) }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try member(key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try member(key).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        ValueDecoder(value: fields["super"] ?? .null, codingPath: codingPath)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        ValueDecoder(value: fields[key.stringValue] ?? .null, codingPath: codingPath + [key])
    }
}

private struct UnkeyedValueDecoder: UnkeyedDecodingContainer {
    let items: [JSONValue]
    let codingPath: [any CodingKey]
    var currentIndex = 0
    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    init(items: [JSONValue], codingPath: [any CodingKey]) {
        self.items = items
        self.codingPath = codingPath
    }

    private mutating func next() throws -> ValueDecoder {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(JSONValue.self, .init(codingPath: codingPath + [IndexKey(currentIndex)], debugDescription: "The array has no more values."))
        }
        defer { currentIndex += 1 }
        return ValueDecoder(value: items[currentIndex], codingPath: codingPath + [IndexKey(currentIndex)])
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, items[currentIndex] == .null else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try next().bool() }
    mutating func decode(_ type: String.Type) throws -> String { try next().string() }
    mutating func decode(_ type: Double.Type) throws -> Double { try next().double() }
    mutating func decode(_ type: Float.Type) throws -> Float { Float(try next().double()) }
    mutating func decode(_ type: Int.Type) throws -> Int { try next().integer(type) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try next().integer(type) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try next().integer(type) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try next().integer(type) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try next().integer(type) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try next().integer(type) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try next().integer(type) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try next().integer(type) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try next().integer(type) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try next().integer(type) }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try next().decodeValue(type) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try next().container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try next().unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder {
        try next()
    }
}

private struct SingleValueDecoder: SingleValueDecodingContainer {
    let decoder: ValueDecoder
    var codingPath: [any CodingKey] { decoder.codingPath }

    func decodeNil() -> Bool { decoder.value == .null }
    func decode(_ type: Bool.Type) throws -> Bool { try decoder.bool() }
    func decode(_ type: String.Type) throws -> String { try decoder.string() }
    func decode(_ type: Double.Type) throws -> Double { try decoder.double() }
    func decode(_ type: Float.Type) throws -> Float { Float(try decoder.double()) }
    func decode(_ type: Int.Type) throws -> Int { try decoder.integer(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try decoder.integer(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try decoder.integer(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try decoder.integer(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try decoder.integer(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try decoder.integer(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try decoder.integer(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try decoder.integer(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try decoder.integer(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try decoder.integer(type) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decoder.decodeValue(type) }
}

extension JSONValue {
    /// For error messages.
    var kindName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}
