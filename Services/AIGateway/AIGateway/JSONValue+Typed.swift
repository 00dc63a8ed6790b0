import Contracts
import Foundation
import ServiceKit

/// The step between a typed value and the `JSONValue` a contribution carries.
extension JSONValue {
    init(encoding value: some Encodable) throws {
        self = try SharedCoders.decoder.decode(JSONValue.self, from: SharedCoders.encoder.encode(value))
    }

    func decoded<T: Decodable>(as type: T.Type) throws -> T {
        try SharedCoders.decoder.decode(type, from: SharedCoders.encoder.encode(self))
    }

    subscript(key: String) -> JSONValue? {
        if case .object(let fields) = self { fields[key] } else { nil }
    }
}
