import Contracts
import Hummingbird
import ServiceKit

/// The routes of docs/api.md's auth section: decode, call `AuthCore`, encode. Nothing else lives here.
struct AuthController {
    let core: AuthCore

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("/register", use: register)
        group.post("/login", use: login)
        group.post("/refresh", use: refresh)
        group.post("/validate", use: validate)

        let authenticated = group.group().add(middleware: BearerAuthenticationMiddleware(verifier: core))
        authenticated.post("/revoke", use: revoke)
        authenticated.get("/me", use: me)
        authenticated.get("/users", use: findUser)
        authenticated.get("/users/:id", use: userProfile)
        authenticated.post("/sessions", use: createSession)
        authenticated.get("/sessions/:id", use: validateSession)
        authenticated.delete("/sessions/:id", use: terminateSession)
    }

    @Sendable func register(_ request: Request, context: AppRequestContext) async throws -> JSONBody<RegisterResponse> {
        let body = try await request.decodeValidated(RegisterRequest.self, context: context)
        return JSONBody(RegisterResponse(user: try await core.register(body)), status: .created)
    }

    @Sendable func login(_ request: Request, context: AppRequestContext) async throws -> JSONBody<AuthToken> {
        let body = try await request.decodeValidated(LoginRequest.self, context: context)
        return JSONBody(try await core.authenticate(body))
    }

    @Sendable func refresh(_ request: Request, context: AppRequestContext) async throws -> JSONBody<AuthToken> {
        let body = try await request.decodeValidated(RefreshRequest.self, context: context)
        return JSONBody(try await core.refreshToken(body))
    }

    @Sendable func validate(_ request: Request, context: AppRequestContext) async throws -> JSONBody<TokenValidation> {
        let body = try await request.decodeValidated(TokenRequest.self, context: context)
        return JSONBody(try await core.validateToken(body.token))
    }

    @Sendable func revoke(_ request: Request, context: AppRequestContext) async throws -> HTTPResponse.Status {
        let body = try await request.decodeValidated(TokenRequest.self, context: context)
        try await core.revokeToken(body.token, caller: try context.requireCaller())
        return .noContent
    }

    @Sendable func me(_ request: Request, context: AppRequestContext) async throws -> JSONBody<User> {
        JSONBody(try await core.currentUser(try context.requireCaller()))
    }

    @Sendable func findUser(_ request: Request, context: AppRequestContext) async throws -> JSONBody<UserProfile> {
        _ = try context.requireCaller()
        guard let email = request.uri.queryParameters["email"] else { throw AppError.validation("email", "email is required.") }
        return JSONBody(try await core.findUser(email: String(email)))
    }

    @Sendable func userProfile(_ request: Request, context: AppRequestContext) async throws -> JSONBody<UserProfile> {
        _ = try context.requireCaller()
        return JSONBody(try await core.userProfile(try context.parameters.uuid("id")))
    }

    @Sendable func createSession(_ request: Request, context: AppRequestContext) async throws -> JSONBody<Session> {
        JSONBody(try await core.createSession(try context.requireCaller()), status: .created)
    }

    @Sendable func validateSession(_ request: Request, context: AppRequestContext) async throws -> JSONBody<SessionValidity> {
        let id = try context.parameters.uuid("id")
        return JSONBody(SessionValidity(valid: try await core.validateSession(id, caller: try context.requireCaller())))
    }

    @Sendable func terminateSession(_ request: Request, context: AppRequestContext) async throws -> HTTPResponse.Status {
        let id = try context.parameters.uuid("id")
        try await core.terminateSession(id, caller: try context.requireCaller())
        return .noContent
    }
}
