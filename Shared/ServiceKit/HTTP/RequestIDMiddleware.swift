import Contracts
import Foundation
import HTTPTypes
import Hummingbird

/// Gives every request an id: the client's `X-Request-ID` when it is sane, else a new UUID. The id goes into the
/// context, every log line of the request, and the response's `X-Request-ID` header (error responses included,
/// since this middleware sits outside the error middleware).
public struct RequestIDMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext

    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let id = Self.acceptable(request.headers[.xRequestID]) ?? UUID.random().lowercasedString
        context.requestId = id
        context.logger[metadataKey: "hb.request.id"] = .string(id)
        var response = try await next(request, context)
        response.headers[.xRequestID] = id
        return response
    }

    /// Ids are echoed into headers and logs, so only a short, printable, header-safe token is taken.
    public static func acceptable(_ value: String?) -> String? {
        guard let value, !value.isEmpty, value.utf8.count <= HTTPLimits.maxRequestIdLength else { return nil }
        let allowed = value.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == 0x2D || byte == 0x5F || byte == 0x2E || byte == 0x3A
        }
        return allowed ? value : nil
    }
}

extension HTTPField.Name {
    public static let xRequestID = HTTPField.Name("X-Request-ID")!
}
