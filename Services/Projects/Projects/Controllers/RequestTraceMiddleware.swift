import HTTPTypes
import Hummingbird
import ServiceKit

/// Makes the request id and `traceparent` of the request available to the work it causes (see `RequestTrace`).
struct RequestTraceMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    static let traceparent = HTTPField.Name("traceparent")!

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let trace = RequestTrace(requestId: context.requestId, traceparent: RequestTrace.validTraceparent(request.headers[Self.traceparent]))
        return try await RequestTrace.$current.withValue(trace) {
            try await next(request, context)
        }
    }
}
