import Contracts
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TestSupport

/// Every text field of auth goes through the shared text rule: a control character is a 400 naming the field, never
/// the 500 a NUL in `displayName` used to be (Postgres refuses NUL in text).
@Suite("Auth: control characters and over-long text")
struct AuthTextInputTests {
    @Test func registerRefusesControlCharactersInEveryField() async throws {
        try await AuthTestFixture.withService { _, client in
            let email = TestEnvironment.uniqueEmail()
            let cases: [(String, String)] = [
                (#"{"email":"\#(email)","password":"password123","displayName":"Ada\u0000"}"#, "displayName"),
                (#"{"email":"\#(email)","password":"password123","displayName":"Ada\u001b[2J"}"#, "displayName"),
                (#"{"email":"\#(email)","password":"password123","displayName":"\u0085"}"#, "displayName"),
                (#"{"email":"\#(email)","password":"password123","displayName":"\#(String(repeating: "x", count: 101))"}"#, "displayName"),
                (#"{"email":"ada\u0000@example.com","password":"password123","displayName":"Ada"}"#, "email"),
                (#"{"email":"\#(email)","password":"pass\u0000word123","displayName":"Ada"}"#, "password"),
                (#"{"email":"\#(email)","password":"password123","displayName":"\ud800"}"#, "body"),
            ]
            for (body, field) in cases {
                let answer = try await client.error(.post, "/api/v1/auth/register", body: body)
                #expect(answer.status == .badRequest, "\(body)")
                #expect(answer.error?.code == "VALIDATION_FAILED")
                #expect(answer.error?.details?["field"] == .string(field), "\(body)")
            }
            let login = try await client.error(.post, "/api/v1/auth/login", body: #"{"email":"\#(email)","password":"x\u0000"}"#)
            #expect(login.status == .badRequest && login.error?.details?["field"] == .string("password"))
        }
    }

    @Test func aKnownPathWithAnotherMethodIs405WithAllow() async throws {
        try await AuthTestFixture.withService { _, client in
            let answer = try await client.json(.get, "/api/v1/auth/login", as: ErrorBody.self)
            #expect(answer.status == .methodNotAllowed)
            #expect(answer.body?.error.code == "METHOD_NOT_ALLOWED")
            #expect(answer.headers[.allow] == "POST")
            let unknown = try await client.json(.get, "/api/v1/auth/nothing", as: ErrorBody.self)
            #expect(unknown.status == .notFound)
        }
    }
}

@Suite("Auth: passwords beyond bcrypt's 72 bytes")
struct LongPasswordTests {
    /// bcrypt alone would ignore everything after byte 72; with the SHA-256 step, the 100th character matters.
    @Test func everyCharacterOfALongPasswordCounts() async throws {
        try await AuthTestFixture.withService { _, client in
            let email = TestEnvironment.uniqueEmail("long")
            let password = String(repeating: "p", count: 99) + "A"
            _ = try await client.register(email: email, password: password)
            _ = try await client.login(email: email, password: password)
            let lastDiffers = try await client.error(
                .post, "/api/v1/auth/login", body: #"{"email":"\#(email)","password":"\#(String(repeating: "p", count: 99))B"}"#
            )
            #expect(lastDiffers.status == .unauthorized && lastDiffers.error?.code == "INVALID_CREDENTIALS")
        }
    }
}
