import Contracts
import HTTPTypes
import Hummingbird
import Logging

/// Turns whatever a route throws into the error body of API.md, exactly once. AppErrors pass as they are;
/// Hummingbird's own errors (unknown route, body too large) get their API.md codes; anything else is an
/// INTERNAL 500 whose details stay in the log, never in the response.
public struct ErrorMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext

    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let appError = AppErrorMapping.appError(for: error, request: request)
            if appError.code == .internal {
                context.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))", "path": "\(request.uri.path)"])
            } else {
                context.logger.debug("request rejected", metadata: ["code": "\(appError.code.rawValue)", "message": "\(appError.message)"])
            }
            return ErrorResponse.make(appError, requestId: context.requestId)
        }
    }
}
