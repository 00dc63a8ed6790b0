import Contracts
import Foundation
import HTTPTypes
import Hummingbird

/// Renders an AppError as the error body of docs/api.md. The one place that body is produced.
public enum ErrorResponse {
    public static func make(_ error: AppError, requestId: String?, headers extra: HTTPFields = [:]) -> Response {
        let body = ErrorBody(error, requestId: requestId)
        // Encoding a plain struct of strings cannot fail; the fallback keeps the promise of a JSON body anyway.
        let data = (try? SharedCoders.encoder.encode(body)) ?? Data(#"{"error":{"code":"INTERNAL","message":"error"}}"#.utf8)
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        // An error that says when to come back (429, 503) says it in the standard header too.
        if case .number(let seconds)? = error.details?["retryAfter"], headers[.retryAfter] == nil, extra[.retryAfter] == nil {
            headers[.retryAfter] = String(Int(seconds.rounded(.up)))
        }
        headers.append(contentsOf: extra)
        return Response(
            status: HTTPResponse.Status(code: error.httpStatus),
            headers: headers,
            body: .init(byteBuffer: ByteBuffer(bytes: data))
        )
    }
}
