import Foundation
import Testing
import Contracts

@Suite("Errors on the wire")
struct ErrorTests {
    static let statuses: [(ErrorCode, Int)] = [
        (.validationFailed, 400), (.dimensionMismatch, 400),
        (.unauthorized, 401), (.tokenExpired, 401), (.tokenRevoked, 401), (.invalidCredentials, 401),
        (.forbidden, 403), (.notFound, 404), (.methodNotAllowed, 405),
        (.emailTaken, 409), (.conflict, 409), (.staleClaim, 409), (.vectorLimitReached, 409),
        (.requestTimeout, 408), (.versionConflict, 412), (.payloadTooLarge, 413), (.unsupportedMediaType, 415),
        (.resourceLocked, 423), (.claimRequired, 428), (.rateLimited, 429),
        (.internal, 500), (.sagaFailed, 502), (.serviceUnavailable, 503), (.upstreamTimeout, 504),
    ]

    @Test("every code's HTTP status", arguments: statuses)
    func status(code: ErrorCode, status: Int) {
        #expect(code.httpStatus == status)
        #expect(AppError(code, "m").httpStatus == status)
    }

    @Test func theStatusTableCoversEveryCode() {
        #expect(Set(Self.statuses.map(\.0)) == Set(ErrorCode.allCases))
        #expect(Self.statuses.count == ErrorCode.allCases.count)
    }

    @Test("codes are UPPER_SNAKE", arguments: ErrorCode.allCases)
    func upperSnake(code: ErrorCode) {
        #expect(code.rawValue.allSatisfy { $0.isUppercase || $0 == "_" })
        #expect(!code.rawValue.hasPrefix("_") && !code.rawValue.hasSuffix("_"))
    }

    @Test func codesOfAPIMarkdownExist() {
        let named = [
            "UNAUTHORIZED", "TOKEN_EXPIRED", "TOKEN_REVOKED", "FORBIDDEN", "VALIDATION_FAILED", "PAYLOAD_TOO_LARGE", "NOT_FOUND",
            "RATE_LIMITED", "SERVICE_UNAVAILABLE", "UPSTREAM_TIMEOUT", "EMAIL_TAKEN", "INVALID_CREDENTIALS", "RESOURCE_LOCKED",
            "CLAIM_REQUIRED", "VERSION_CONFLICT", "STALE_CLAIM", "SAGA_FAILED", "DIMENSION_MISMATCH",
        ]
        for name in named { #expect(ErrorCode(rawValue: name) != nil, "\(name)") }
    }

    @Test func bodyHasExactlyTheWireShape() throws {
        let body = ErrorBody(AppError.validation("name", "name is too long."), requestId: "req-1")
        let json = try JSON.encode(body)
        #expect(json == #"{"error":{"code":"VALIDATION_FAILED","details":{"field":"name"},"message":"name is too long.","requestId":"req-1"}}"#)

        let object = try JSON.object(json)
        #expect(Set(object.keys) == ["error"])
        let error = try #require(object["error"] as? [String: Any])
        #expect(Set(error.keys) == ["code", "message", "requestId", "details"])
        #expect(error["code"] as? String == "VALIDATION_FAILED")
        #expect((error["details"] as? [String: Any])?["field"] as? String == "name")
    }

    @Test func detailsAreOptional() throws {
        let json = try JSON.encode(ErrorBody(AppError(.notFound, "Project was not found."), requestId: "r"))
        #expect(json == #"{"error":{"code":"NOT_FOUND","message":"Project was not found.","requestId":"r"}}"#)
    }

    @Test func bodyDecodesBackToTheSameError() throws {
        let original = AppError.resourceLocked(holderId: Fixture.userB, expiresAt: Fixture.later)
        let decoded = try JSON.decode(ErrorBody.self, JSON.encode(ErrorBody(original, requestId: "abc")))
        #expect(decoded.appError == original)
        #expect(decoded.error.requestId == "abc")
    }

    @Test func unknownCodeReadsAsInternalKeepingTheMessage() throws {
        let body = try JSON.decode(ErrorBody.self, #"{"error":{"code":"TEAPOT","message":"I am a teapot.","requestId":"r"}}"#)
        #expect(body.appError == AppError(.internal, "I am a teapot."))
    }

    @Test func lockedErrorNamesHolderAndExpiry() {
        let error = AppError.resourceLocked(holderId: Fixture.userB, expiresAt: Fixture.later)
        #expect(error.code == .resourceLocked && error.httpStatus == 423)
        #expect(error.details?["holderId"] == .string(Fixture.userB.lowercasedString))
        #expect(error.details?["expiresAt"] == .string("2026-01-31T12:05:00Z"))
    }

    @Test func projectErrorHelpers() {
        #expect(AppError.claimRequired.httpStatus == 428)
        #expect(AppError.staleClaim.httpStatus == 409 && AppError.staleClaim.code == .staleClaim)
        #expect(AppError.versionConflict(current: 7).details?["currentVersion"] == .number(7))
        let saga = AppError.sagaFailed(sagaId: Fixture.thirdId, reason: "The analysis failed; the project was deleted again.")
        #expect(saga.httpStatus == 502 && saga.details?["sagaId"] == .string(Fixture.thirdId.lowercasedString))
    }

    /// The UUIDs inside `details` are spelled like the UUIDs of JSON bodies, so clients can compare them as strings.
    @Test func detailsSpellUUIDsLikeBodies() throws {
        let holder = AppError.resourceLocked(holderId: Fixture.userB, expiresAt: Fixture.later).details?["holderId"]?.stringValue
        let lock = try JSON.object(JSON.encode(ProjectLock(holderId: Fixture.userB, expiresAt: Fixture.later)))
        #expect(holder == lock["holderId"] as? String)
    }

    @Test func validationNamesTheField() {
        let error = AppError.validation("answers[2].choice", "bad")
        #expect(error.code == .validationFailed && error.httpStatus == 400)
        #expect(error.details == ["field": .string("answers[2].choice")])
    }
}
