import Contracts
import Hummingbird

/// For services other than auth: verifies the bearer token against the JWKS and puts the caller into the context,
/// or answers 401 (`UNAUTHORIZED`, `TOKEN_EXPIRED`). Revocations are the gateway's job (it holds the revocation
/// cache); services are reachable only through it.
public struct JWKSAuthenticationMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext
    let keys: JWKSKeyProvider

    public init(keys: JWKSKeyProvider) { self.keys = keys }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let token = request.bearerToken else { throw AppError.unauthorized }
        do {
            let verified = try await keys.verify(token)
            var context = context
            context.caller = verified.caller(bearerToken: token)
            context.logger[metadataKey: "user_id"] = .string(verified.userId.uuidString.lowercased())
            return try await next(request, context)
        } catch let rejection as TokenRejection {
            throw rejection.appError
        }
    }
}
