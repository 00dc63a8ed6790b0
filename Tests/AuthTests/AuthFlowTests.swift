import Auth
import Contracts
import Foundation
import HummingbirdTesting
import ServiceKit
import Testing
import TestSupport

@Suite("Auth over HTTP: register, login, me, sessions")
struct AuthFlowTests {
    @Test func registerLoginAndMe() async throws {
        try await AuthTestFixture.withService { _, client in
            let email = TestEnvironment.uniqueEmail()
            let user = try await client.register(email: email, name: "  Ada Lovelace ")
            #expect(user.email == email)
            #expect(user.displayName == "Ada Lovelace")
            #expect(user.roles == ["user"])

            let token = try await client.login(email: email)
            #expect(token.tokenType == "Bearer")
            #expect(token.expiresIn == 900)
            #expect(!token.refreshToken.isEmpty)

            let me = try await client.json(.get, "/api/v1/auth/me", token: token.accessToken, as: User.self)
            #expect(me.status == .ok)
            #expect(me.body == user)
        }
    }

    @Test func duplicateEmailIsRefusedWhateverItsCase() async throws {
        try await AuthTestFixture.withService { _, client in
            let email = TestEnvironment.uniqueEmail()
            _ = try await client.register(email: email)
            let again = try await client.error(.post, "/api/v1/auth/register", body: #"{"email":"\#(email.uppercased())","password":"another one","displayName":"B"}"#)
            #expect(again.status == .conflict)
            #expect(again.error?.code == "EMAIL_TAKEN")
        }
    }

    @Test func concurrentRegistrationsOfOneEmailCreateOneUser() async throws {
        try await AuthTestFixture.withService { _, client in
            let email = TestEnvironment.uniqueEmail()
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        try await client.json(.post, "/api/v1/auth/register", body: #"{"email":"\#(email)","password":"password123","displayName":"C"}"#).status.code
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == 201 }.count == 1)
            #expect(statuses.filter { $0 == 409 }.count == 7)
        }
    }

    @Test(arguments: [
        (#"{"email":"not-an-email","password":"password123","displayName":"A"}"#, "email"),
        (#"{"email":"a@b.io","password":"short","displayName":"A"}"#, "password"),
        (#"{"email":"a@b.io","password":"password123","displayName":"   "}"#, "displayName"),
        (#"{"email":"a@b.io","password":"password123"}"#, "displayName"),
        (#"{"email":42,"password":"password123","displayName":"A"}"#, "email"),
        (#"{"email":"a@b.io","password":null,"displayName":"A"}"#, "password"),
        (#"{"email":"a@b.io","#, "body"),
        ("", "body"),
        ("[1,2,3]", "body"),
    ])
    func badRegistrationsGet400NamingTheField(body: String, field: String) async throws {
        try await AuthTestFixture.withService { _, client in
            let result = try await client.error(.post, "/api/v1/auth/register", body: body)
            #expect(result.status == .badRequest)
            #expect(result.error?.code == "VALIDATION_FAILED")
            #expect(result.error?.details?["field"] == .string(field))
            #expect(result.error?.requestId?.isEmpty == false)
        }
    }

    @Test func unknownEmailAndWrongPasswordGetTheSameAnswer() async throws {
        try await AuthTestFixture.withService { _, client in
            let email = TestEnvironment.uniqueEmail()
            _ = try await client.register(email: email)
            let wrong = try await client.error(.post, "/api/v1/auth/login", body: #"{"email":"\#(email)","password":"wrong password"}"#)
            let unknown = try await client.error(.post, "/api/v1/auth/login", body: #"{"email":"nobody-\#(email)","password":"wrong password"}"#)
            #expect(wrong.status == .unauthorized)
            #expect(unknown.status == .unauthorized)
            #expect(wrong.error?.code == "INVALID_CREDENTIALS")
            #expect(wrong.error?.code == unknown.error?.code)
            #expect(wrong.error?.message == unknown.error?.message)
        }
    }

    @Test func adminEmailsGetTheAdminRole() async throws {
        try await AuthTestFixture.withService { core, client in
            _ = try await client.register(email: AuthTestFixture.adminEmail.uppercased())
            let token = try await client.login(email: AuthTestFixture.adminEmail)
            let validation = try await core.validateToken(token.accessToken)
            #expect(validation.roles == ["user", "admin"])
            let me = try await client.json(.get, "/api/v1/auth/me", token: token.accessToken, as: User.self)
            #expect(me.body?.roles == ["user", "admin"])
        }
    }

    @Test func sessionsAreCreatedValidatedAndTerminated() async throws {
        try await AuthTestFixture.withService { _, client in
            let email = TestEnvironment.uniqueEmail()
            _ = try await client.register(email: email)
            let token = try await client.login(email: email)

            let created = try await client.json(.post, "/api/v1/auth/sessions", token: token.accessToken, as: Session.self)
            #expect(created.status == .created)
            let session = try #require(created.body)
            let valid = try await client.json(.get, "/api/v1/auth/sessions/\(session.id)", token: token.accessToken, as: SessionValidity.self)
            #expect(valid.body == SessionValidity(valid: true))

            // Another user sees neither the session nor a difference between "not yours" and "does not exist".
            let otherEmail = TestEnvironment.uniqueEmail("other")
            _ = try await client.register(email: otherEmail)
            let other = try await client.login(email: otherEmail)
            let foreign = try await client.error(.get, "/api/v1/auth/sessions/\(session.id)", token: other.accessToken)
            #expect(foreign.status == .notFound)
            let foreignDelete = try await client.error(.delete, "/api/v1/auth/sessions/\(session.id)", token: other.accessToken)
            #expect(foreignDelete.status == .notFound)
            let missing = try await client.error(.get, "/api/v1/auth/sessions/\(UUID())", token: token.accessToken)
            #expect(missing.status == .notFound)
            let notUUID = try await client.error(.get, "/api/v1/auth/sessions/not-a-uuid", token: token.accessToken)
            #expect(notUUID.status == .badRequest)
            #expect(notUUID.error?.details?["field"] == .string("id"))

            let deleted = try await client.json(.delete, "/api/v1/auth/sessions/\(session.id)", token: token.accessToken)
            #expect(deleted.status == .noContent)
            let after = try await client.json(.get, "/api/v1/auth/sessions/\(session.id)", token: token.accessToken, as: SessionValidity.self)
            #expect(after.body == SessionValidity(valid: false))

            // Terminating the login session stops its access token and its refresh token.
            let terminated = try await client.json(.delete, "/api/v1/auth/sessions/\(token.sessionId)", token: token.accessToken)
            #expect(terminated.status == .noContent)
            let me = try await client.error(.get, "/api/v1/auth/me", token: token.accessToken)
            #expect(me.status == .unauthorized)
            #expect(me.error?.code == "TOKEN_REVOKED")
            let refreshed = try await client.refresh(token.refreshToken)
            #expect(refreshed.status == .unauthorized)
            #expect(refreshed.code == "TOKEN_REVOKED")
        }
    }

    @Test func everyResponseCarriesARequestId() async throws {
        try await AuthTestFixture.withService { _, client in
            let echoed = try await client.json(.get, "/health", headers: [.xRequestID: "trace-42"])
            #expect(echoed.headers[.xRequestID] == "trace-42")
            let generated = try await client.error(.get, "/no/such/route")
            #expect(generated.status == .notFound)
            #expect(generated.error?.code == "NOT_FOUND")
            let hostile = try await client.json(.get, "/health", headers: [.xRequestID: "bad id\twith spaces"])
            #expect(hostile.headers[.xRequestID] != "bad id\twith spaces")
            #expect(hostile.headers[.xRequestID]?.isEmpty == false)
        }
    }

    @Test func bodiesOverOneMebibyteAre413() async throws {
        try await AuthTestFixture.withService { _, client in
            let huge = #"{"email":""# + String(repeating: "a", count: 1_100_000) + #"","password":"x"}"#
            let result = try await client.error(.post, "/api/v1/auth/login", body: huge)
            #expect(result.status == .contentTooLarge)
            #expect(result.error?.code == "PAYLOAD_TOO_LARGE")
        }
    }

    @Test func readinessReportsRedisAndPostgres() async throws {
        try await AuthTestFixture.withService { _, client in
            let ready = try await client.json(.get, "/ready", as: ReadinessReport.self)
            #expect(ready.status == .ok)
            #expect(ready.body?.checks == ["redis": "ok", "postgres": "ok"])
        }
    }
}
