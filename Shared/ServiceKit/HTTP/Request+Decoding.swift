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

    /// The token of an `Authorization: Bearer …` header, if there is one.
    public var bearerToken: String? {
        guard let value = headers[.authorization] else { return nil }
        let parts = value.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }
}

extension Parameters {
    /// A path parameter that must be a UUID: 400 VALIDATION_FAILED naming it otherwise.
    public func uuid(_ name: String) throws(AppError) -> UUID {
        guard let raw = self.get(name) else { throw AppError.validation(name, "\(name) is missing from the path.") }
        return try Check.uuid(raw, name)
    }
}
