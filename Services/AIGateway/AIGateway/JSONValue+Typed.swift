import Contracts

/// The step between a typed value and the `JSONValue` a contribution carries: straight from one tree to the other
/// (`JSONValueCoding`), no JSON text in between.
extension JSONValue {
    init(encoding value: some Encodable) throws {
        self = try JSONValueCoding.encode(value)
    }

    func decoded<T: Decodable>(as type: T.Type) throws -> T {
        try JSONValueCoding.decode(type, from: self)
    }

    subscript(key: String) -> JSONValue? {
        if case .object(let fields) = self { fields[key] } else { nil }
    }
}
