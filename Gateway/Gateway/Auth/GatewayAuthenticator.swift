import Contracts
import Foundation
import Hummingbird
import ServiceKit

/// Decides, per route access level, whether a request may pass: public routes always; authenticated ones with a
/// token that verifies against auth's JWKS and is not in the revocation cache; admin ones when it also carries the
/// `admin` role. The verified caller goes into the context (and from there into the identity headers upstream).
struct GatewayAuthenticator: Sendable {
    let keys: JWKSKeyProvider
    let revocations: RevocationCache

    func authenticate(_ access: RouteDescriptor.Access, request: Request, context: AppRequestContext) async throws -> AppRequestContext {
        guard access != .public else { return context }
        guard let token = request.bearerToken else { throw AppError.unauthorized }
        let verified: VerifiedAccessToken
        do {
            verified = try await keys.verify(token)
        } catch let rejection as TokenRejection {
            throw rejection.appError
        }
        if revocations.isRevoked(tokenId: verified.tokenId, sessionId: verified.sessionId) {
            throw TokenRejection(.revoked).appError
        }
        if access == .admin, !verified.roles.contains(Role.admin) {
            throw AppError(.forbidden, "This route needs the admin role.")
        }
        var context = context
        context.caller = verified.caller(bearerToken: token)
        context.logger[metadataKey: "user_id"] = .string(verified.userId.uuidString.lowercased())
        return context
    }
}
