import Contracts
import Foundation
import Testing
import TestSupport

/// The behaviour every `AuthService` must show, whoever implements it and whatever lies in between.
@Suite("AuthService conformance")
struct AuthServiceConformanceTests {
    @Test(arguments: AuthServiceTarget.allCases)
    func registerAuthenticateAndCurrentUser(_ target: AuthServiceTarget) async throws {
        try await target.withService { service in
            let signedIn = try await SignedInUser.make(on: service, tag: "ada")
            #expect(signedIn.caller.userId == signedIn.user.id)
            #expect(signedIn.token.tokenType == "Bearer")
            #expect(signedIn.token.expiresIn > 0)
            #expect(try await service.currentUser(signedIn.caller) == signedIn.user)
        }
    }

    @Test(arguments: AuthServiceTarget.allCases)
    func errorsAreTheSameAppErrors(_ target: AuthServiceTarget) async throws {
        try await target.withService { service in
            let signedIn = try await SignedInUser.make(on: service)
            await Self.expect(.emailTaken) {
                _ = try await service.register(RegisterRequest(email: signedIn.user.email, password: "whatever123", displayName: "B"))
            }
            let invalid = await Self.expect(.validationFailed) {
                _ = try await service.register(RegisterRequest(email: "nope", password: "whatever123", displayName: "B"))
            }
            #expect(invalid?.details?["field"] == .string("email"))
            await Self.expect(.invalidCredentials) {
                _ = try await service.authenticate(LoginRequest(email: signedIn.user.email, password: "wrong-password"))
            }
            await Self.expect(.invalidCredentials) {
                _ = try await service.authenticate(LoginRequest(email: "unknown-" + signedIn.user.email, password: "wrong-password"))
            }
            await Self.expect(.unauthorized) {
                _ = try await service.refreshToken(RefreshRequest(refreshToken: "never-issued"))
            }
        }
    }

    @Test(arguments: AuthServiceTarget.allCases)
    func refreshRotatesAndReuseRevokesTheSession(_ target: AuthServiceTarget) async throws {
        try await target.withService { service in
            let signedIn = try await SignedInUser.make(on: service)
            let rotated = try await service.refreshToken(RefreshRequest(refreshToken: signedIn.token.refreshToken))
            #expect(rotated.sessionId == signedIn.token.sessionId)
            #expect(try await service.validateToken(rotated.accessToken).valid)

            await Self.expect(.tokenRevoked) {
                _ = try await service.refreshToken(RefreshRequest(refreshToken: signedIn.token.refreshToken))
            }
            #expect(try await service.validateToken(rotated.accessToken) == .invalid("revoked"))
        }
    }

    @Test(arguments: AuthServiceTarget.allCases)
    func validateReportsWhyATokenIsNotValid(_ target: AuthServiceTarget) async throws {
        try await target.withService { service in
            let signedIn = try await SignedInUser.make(on: service)
            let valid = try await service.validateToken(signedIn.token.accessToken)
            #expect(valid.valid)
            #expect(valid.sessionId == signedIn.token.sessionId)
            #expect(valid.expiresAt.map { $0 > Date() } == true)
            #expect(try await service.validateToken("garbage") == .invalid("malformed"))
            let parts = signedIn.token.accessToken.split(separator: ".")
            let truncated = parts[0] + "." + parts[1] + "." + parts[2].dropLast(4) + "AAAA"
            #expect(try await service.validateToken(String(truncated)).valid == false)
        }
    }

    @Test(arguments: AuthServiceTarget.allCases)
    func revokedTokensStopValidating(_ target: AuthServiceTarget) async throws {
        try await target.withService { service in
            let signedIn = try await SignedInUser.make(on: service)
            // Revoking something that is not a token of ours is not an error (RFC 7009).
            try await service.revokeToken("never-issued", caller: signedIn.caller)
            try await service.revokeToken(signedIn.token.accessToken, caller: signedIn.caller)
            #expect(try await service.validateToken(signedIn.token.accessToken) == .invalid("revoked"))
            // The refresh token of that session still works: only that access token was revoked.
            let renewed = try await service.refreshToken(RefreshRequest(refreshToken: signedIn.token.refreshToken))
            #expect(try await service.validateToken(renewed.accessToken).valid)
        }
    }

    @Test(arguments: AuthServiceTarget.allCases)
    func sessionsBelongToTheirUser(_ target: AuthServiceTarget) async throws {
        try await target.withService { service in
            let owner = try await SignedInUser.make(on: service, tag: "owner")
            let stranger = try await SignedInUser.make(on: service, tag: "stranger")
            let session = try await service.createSession(owner.caller)
            #expect(session.userId == owner.user.id)
            #expect(session.expiresAt > session.createdAt)
            #expect(try await service.validateSession(session.id, caller: owner.caller))
            await Self.expect(.notFound) { _ = try await service.validateSession(session.id, caller: stranger.caller) }
            await Self.expect(.notFound) { try await service.terminateSession(session.id, caller: stranger.caller) }
            try await service.terminateSession(session.id, caller: owner.caller)
            #expect(try await service.validateSession(session.id, caller: owner.caller) == false)
            try await service.terminateSession(session.id, caller: owner.caller)
        }
    }

    /// Runs `body`, expecting an AppError with `code`; returns it for further checks.
    @discardableResult
    static func expect(_ code: ErrorCode, sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> Void) async -> AppError? {
        do {
            try await body()
            Issue.record("expected \(code.rawValue), got success", sourceLocation: sourceLocation)
        } catch let error as AppError {
            #expect(error.code == code, sourceLocation: sourceLocation)
            return error
        } catch {
            Issue.record("expected AppError \(code.rawValue), got \(error)", sourceLocation: sourceLocation)
        }
        return nil
    }
}
