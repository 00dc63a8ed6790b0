import Contracts
import Foundation
import HTTPTypes
import Hummingbird

extension Request {
    /// Reads the body (at most 1 MiB, else 413), decodes it as `T` (a decoding failure is a 400 naming the field)
    /// and runs the DTO's own validation. The one way routes read JSON.
    public func decodeValidated<T: Decodable & Validatable>(_ type: T.Type, context: AppRequestContext) async throws -> T {
        let value = try await decodeJSON(type, context: context)
        try value.validate()
        return value
    }

    /// Like `decodeValidated` for bodies with no rules of their own.
    public func decodeJSON<T: Decodable>(_ type: T.Type, context: AppRequestContext) async throws -> T {
        let buffer = try await body.collect(upTo: HTTPLimits.maxBodyBytes)
        guard buffer.readableBytes > 0 else {
            throw AppError.validation("body", "A JSON body is required.")
        }
        do {
            return try SharedCoders.decoder.decode(T.self, from: Data(buffer: buffer))
        } catch let error as DecodingError {
            throw DecodingErrorMapping.appError(for: error)
        }
    }

    /// The token of an `Authorization: Bearer …` header, if there is one: the scheme matched without regard to case,
    /// the token without the spaces and tabs around it. Read on the header's bytes — every authenticated request of
    /// every service asks, and Foundation's `trimmingCharacters` (bridged to NSString) cost 2.5 % of a busy service.
    public var bearerToken: String? {
        guard let value = headers[.authorization] else { return nil }
        return Self.bearerToken(in: value)
    }

    public static func bearerToken(in value: String) -> String? {
        let bytes = value.utf8
        let isBlank = { (byte: UInt8) in byte == 0x20 || byte == 0x09 }
        guard let schemeStart = bytes.firstIndex(where: { !isBlank($0) }),
              let schemeEnd = bytes[schemeStart...].firstIndex(of: 0x20) else { return nil }
        let scheme = bytes[schemeStart..<schemeEnd]
        guard scheme.count == 6, zip(scheme, "bearer".utf8).allSatisfy({ ($0 | 0x20) == $1 }) else { return nil }
        guard let tokenStart = bytes[schemeEnd...].firstIndex(where: { !isBlank($0) }),
              let last = bytes[tokenStart...].lastIndex(where: { !isBlank($0) }) else { return nil }
        return String(value[tokenStart...last])
    }
}

extension Parameters {
    /// A path parameter that must be a UUID: 400 VALIDATION_FAILED naming it otherwise.
    public func uuid(_ name: String) throws(AppError) -> UUID {
        guard let raw = self.get(name) else { throw AppError.validation(name, "\(name) is missing from the path.") }
        return try Check.uuid(raw, name)
    }
}
