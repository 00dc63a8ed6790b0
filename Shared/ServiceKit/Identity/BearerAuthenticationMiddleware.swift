import Contracts
import Hummingbird

/// Puts the caller a verified bearer token stands for into the context, or answers 401 (`UNAUTHORIZED`,
/// `TOKEN_EXPIRED`, `TOKEN_REVOKED`). Services verify against auth's JWKS (revocations are the gateway's job: it holds
/// the revocation cache, and services are reachable only through it); auth verifies with its own keys and records.
public struct BearerAuthenticationMiddleware<Verifier: AccessTokenVerifying>: RouterMiddleware {
    public typealias Context = AppRequestContext
    let verifier: Verifier

    public init(verifier: Verifier) { self.verifier = verifier }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let token = request.bearerToken else { throw AppError.unauthorized }
        do {
            return try await verifier.withVerifiedAccess(token) { verified in
                var context = context
                context.authenticate(as: verified, bearerToken: token)
                return try await next(request, context)
            }
        } catch let rejection as TokenRejection {
            throw rejection.appError
        }
    }
}
