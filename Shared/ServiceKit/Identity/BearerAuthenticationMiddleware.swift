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
                do {
                    return try await next(request, context)
                } catch {
                    throw Downstream(error: error)
                }
            }
        } catch let downstream as Downstream {
            throw downstream.error
        } catch let rejection as TokenRejection {
            // Only the verification's own refusal is a 401; what the route throws is passed on untouched.
            throw rejection.appError
        }
    }

    /// An error of the route behind the middleware, kept apart from the verification's.
    private struct Downstream: Error {
        let error: any Error
    }
}
