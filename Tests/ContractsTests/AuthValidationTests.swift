import Foundation
import Testing
import Contracts

@Suite("Auth request validation")
struct AuthValidationTests {
    /// A 254-character address whose local part has the 64-character maximum.
    static let longestEmail = text(64) + "@" + text(185, "d") + ".com"

    static let registerCases: [ValidationCase] = {
        func register(email: String = "ada@example.com", password: String = "correct horse", displayName: String = "Ada") -> RegisterRequest {
            RegisterRequest(email: email, password: password, displayName: displayName)
        }
        return [
            .valid("typical", register()),
            .valid("password of 8 characters", register(password: text(8))),
            .invalid("password of 7 characters", register(password: text(7)), field: "password"),
            // Longer than bcrypt's 72 bytes is fine: such passwords are hashed with SHA-256 first (PasswordHasher).
            .valid("password of 73 bytes", register(password: text(73))),
            .valid("password of 37 two-byte characters (74 bytes)", register(password: text(37, "é"))),
            .valid("password of 1024 characters", register(password: text(1024))),
            .invalid("password of 1025 characters", register(password: text(1025)), field: "password"),
            .invalid("password with a NUL", register(password: "correct\u{0}horse"), field: "password"),
            .valid("displayName of 1 character", register(displayName: "A")),
            .valid("displayName of 100 characters", register(displayName: text(100))),
            .invalid("displayName of 101 characters", register(displayName: text(101)), field: "displayName"),
            .invalid("empty displayName", register(displayName: ""), field: "displayName"),
            .invalid("blank displayName", register(displayName: "   "), field: "displayName"),
            .valid("email of 254 characters", register(email: longestEmail)),
            .invalid("email of 255 characters", register(email: "a" + longestEmail), field: "email"),
            .invalid("local part of 65 characters", register(email: text(65) + "@example.com"), field: "email"),
            .invalid("email without @", register(email: "ada.example.com"), field: "email"),
            .invalid("email with two @", register(email: "ada@lovelace@example.com"), field: "email"),
            .invalid("email without domain dot", register(email: "ada@localhost"), field: "email"),
            .invalid("email with leading domain dot", register(email: "ada@.example.com"), field: "email"),
            .invalid("email with trailing domain dot", register(email: "ada@example.com."), field: "email"),
            .invalid("email with empty local part", register(email: "@example.com"), field: "email"),
            .invalid("email with a space", register(email: "ada lovelace@example.com"), field: "email"),
            .invalid("empty email", register(email: ""), field: "email"),
        ]
    }()

    @Test("RegisterRequest", arguments: registerCases)
    func register(_ testCase: ValidationCase) { check(testCase) }

    static let loginCases: [ValidationCase] = [
        .valid("typical", LoginRequest(email: "ada@example.com", password: "x")),
        .valid("email of 254 characters", LoginRequest(email: text(254), password: "x")),
        .invalid("email of 255 characters", LoginRequest(email: text(255), password: "x"), field: "email"),
        .invalid("empty email", LoginRequest(email: "", password: "x"), field: "email"),
        .valid("password of 1024 characters", LoginRequest(email: "a@b.co", password: text(1024))),
        .invalid("password of 1025 characters", LoginRequest(email: "a@b.co", password: text(1025)), field: "password"),
        .invalid("empty password", LoginRequest(email: "a@b.co", password: ""), field: "password"),
    ]

    @Test("LoginRequest", arguments: loginCases)
    func login(_ testCase: ValidationCase) { check(testCase) }

    static let tokenCases: [ValidationCase] = [
        .valid("refresh token of 1 character", RefreshRequest(refreshToken: "r")),
        .valid("refresh token of 512 characters", RefreshRequest(refreshToken: text(512))),
        .invalid("refresh token of 513 characters", RefreshRequest(refreshToken: text(513)), field: "refreshToken"),
        .invalid("empty refresh token", RefreshRequest(refreshToken: ""), field: "refreshToken"),
        .valid("token of 1 character", TokenRequest(token: "t")),
        .valid("token of 8192 characters", TokenRequest(token: text(8192))),
        .invalid("token of 8193 characters", TokenRequest(token: text(8193)), field: "token"),
        .invalid("empty token", TokenRequest(token: ""), field: "token"),
    ]

    @Test("RefreshRequest and TokenRequest", arguments: tokenCases)
    func tokens(_ testCase: ValidationCase) { check(testCase) }
}
