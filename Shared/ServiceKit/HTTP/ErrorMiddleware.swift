import Contracts
import HTTPTypes
import Hummingbird
import Logging

/// Turns whatever a route throws into the error body of docs/api.md, exactly once. AppErrors pass as they are;
/// Hummingbird's own errors (unknown route, body too large) get their docs/api.md codes; anything else is an
/// INTERNAL 500 whose details stay in the log, never in the response.
public struct ErrorMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext

    /// The routes of this server, for telling 405 (a known path, another method) from 404.
    let routes: RouteMethods

    public init(routes: [RouteDescriptor] = []) {
        self.routes = RouteMethods(routes)
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            if let notFound = error as? HTTPError, notFound.status == .notFound {
                let allowed = routes.allowedMethods(path: request.uri.path)
                if !allowed.isEmpty {
                    let list = allowed.map(\.rawValue).joined(separator: ", ")
                    let refusal = AppError(
                        .methodNotAllowed, "\(request.method) is not allowed on \(request.uri.path); it allows \(list).",
                        details: ["allow": .string(list)]
                    )
                    context.logger.debug("request rejected", metadata: ["code": "\(refusal.code.rawValue)"])
                    return ErrorResponse.make(refusal, requestId: context.requestId, headers: [.allow: list])
                }
            }
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
