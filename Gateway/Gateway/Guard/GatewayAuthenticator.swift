import Contracts
import Foundation
import Hummingbird
import ServiceKit

/// Decides, per route access level, whether a request may pass: public routes always; authenticated ones with a
/// token that verifies against auth's JWKS and is not in the revocation cache; admin ones when it also carries the
/// `admin` role. The verified caller goes into the context (and from there into the identity headers upstream).
/// Called only by `RouteGuard`.
struct GatewayAuthenticator: Sendable {
    let keys: JWKSKeyProvider
    let revocations: RevocationCache
    let tickets: EventTickets

    /// The outcome of an authentication attempt; `.failed` is what the failed-authentication budget counts.
    enum Outcome: Sendable {
        case passed(AppRequestContext)
        /// The token is missing, malformed, forged, expired or revoked: 401 with this error.
        case failed(AppError)
    }

    func authenticate(_ route: RouteDescriptor, request: Request, context: AppRequestContext) async throws -> Outcome {
        guard route.access != .public else { return .passed(context) }
        // Only the event feeds take a ticket, and only when no bearer token was sent (a token always wins).
        if route.acceptsTicket, request.bearerToken == nil, let ticket = request.uri.queryParameters[EventTicketRules.queryParameter[...]] {
            return try await redeem(String(ticket), context: context)
        }
        guard let token = request.bearerToken else { return .failed(AppError.unauthorized) }
        let verified: VerifiedAccessToken
        do {
            verified = try await keys.verify(token)
        } catch let rejection as TokenRejection {
            return .failed(rejection.appError)
        }
        if revocations.isRevoked(tokenId: verified.tokenId, sessionId: verified.sessionId) {
            return .failed(TokenRejection(.revoked).appError)
        }
        var context = context
        context.authenticate(as: verified, bearerToken: token)
        // A valid token without the role is not a failed authentication: it is charged to its user, then refused.
        return .passed(context)
    }

    /// The caller of `token` when its verification is remembered and it is not revoked — the same judgement as
    /// `authenticate` made from memory alone; nil when that needs more (a signature check, a key fetch) or refuses.
    func rememberedCaller(token: String) -> Caller? {
        guard let verified = keys.rememberedVerification(of: token),
              !revocations.isRevoked(tokenId: verified.tokenId, sessionId: verified.sessionId) else { return nil }
        return verified.caller(bearerToken: token)
    }

    private func redeem(_ ticket: String, context: AppRequestContext) async throws -> Outcome {
        guard let holder = try await tickets.redeem(ticket) else {
            return .failed(AppError(.unauthorized, "The ticket is unknown, spent or expired; ask POST /api/v1/events/ticket for a new one."))
        }
        var context = context
        context.caller = Caller(userId: holder.userId, roles: holder.roles, sessionId: holder.sessionId)
        context.logger[metadataKey: "user_id"] = .string(holder.userId.lowercasedString)
        return .passed(context)
    }
}
