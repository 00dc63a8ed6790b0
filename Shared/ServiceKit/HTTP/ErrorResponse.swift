import Contracts
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Renders an AppError as the error body of docs/api.md. The one place that body is produced.
public enum ErrorResponse {
    public static func make(_ error: AppError, requestId: String?, headers extra: HTTPFields = [:]) -> Response {
        let (status, headers, body) = parts(error, requestId: requestId, headers: extra)
        return Response(status: status, headers: headers, body: .init(byteBuffer: body))
    }

    /// The same answer as its parts, for code that writes to a channel itself (the gateway's direct proxy path).
    public static func parts(
        _ error: AppError, requestId: String?, headers extra: HTTPFields = [:]
    ) -> (status: HTTPResponse.Status, headers: HTTPFields, body: ByteBuffer) {
        let body = ErrorBody(error, requestId: requestId)
        // Encoding a plain struct of strings cannot fail; the fallback keeps the promise of a JSON body anyway.
        let data = (try? SharedCoders.encoder.encode(body)) ?? Data(#"{"error":{"code":"INTERNAL","message":"error"}}"#.utf8)
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        // An error that says when to come back (429, 503) says it in the standard header too.
        if case .number(let seconds)? = error.details?["retryAfter"], headers[.retryAfter] == nil, extra[.retryAfter] == nil {
            headers[.retryAfter] = String(Int(seconds.rounded(.up)))
        }
        headers.append(contentsOf: extra)
        return (HTTPResponse.Status(code: error.httpStatus), headers, ByteBuffer(bytes: data))
    }
}
