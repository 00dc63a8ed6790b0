import Contracts
import Hummingbird
import ServiceKit

/// Puts the verified caller into the context, or answers 401 (UNAUTHORIZED, TOKEN_EXPIRED or TOKEN_REVOKED).
struct BearerAuthenticationMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let core: AuthCore

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let token = request.bearerToken else { throw AppError.unauthorized }
        do {
            let verified = try await core.verifyAccessToken(token)
            var context = context
            context.caller = verified.caller(bearerToken: token)
            context.logger[metadataKey: "user_id"] = .string(verified.userId.uuidString.lowercased())
            return try await next(request, context)
        } catch let rejection as TokenRejection {
            throw rejection.appError
        }
    }
}
