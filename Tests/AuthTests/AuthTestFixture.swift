import Auth
import Contracts
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import ServiceKit
import TestSupport

/// Builds a real auth service (real Postgres, real Redis, a fresh key folder) and drives it through its router.
struct AuthTestFixture {
    static let adminEmail = "admin-\(UUID().uuidString.prefix(8).lowercased())@example.test"

    static func settings(keyDirectory: String? = nil, accessTokenTTL: Int = 900) throws -> AuthSettings {
        AuthSettings(
            service: TestEnvironment.serviceSettings(name: "auth"),
            keyDirectory: try keyDirectory ?? TestEnvironment.temporaryDirectory("auth-keys"),
            accessTokenTTL: accessTokenTTL,
            bcryptCost: 4,
            adminEmails: [adminEmail]
        )
    }

    /// Runs `body` against a started auth service.
    static func withService<T>(
        settings: AuthSettings? = nil,
        _ body: @Sendable (AuthCore, any TestClientProtocol) async throws -> T
    ) async throws -> T {
        let service = try await AuthApplication.build(settings: settings ?? self.settings(), logger: TestEnvironment.logger("auth-test"))
        let core = service.core
        return try await service.app.test(.router) { client in try await body(core, client) }
    }
}

extension TestClientProtocol {
    /// A JSON request; returns the status, the decoded body (or nil) and the headers.
    @discardableResult
    func json<Response: Decodable>(
        _ method: HTTPRequest.Method, _ uri: String, body: String? = nil, token: String? = nil,
        headers extra: HTTPFields = [:], as type: Response.Type = JSONValue.self
    ) async throws -> (status: HTTPResponse.Status, body: Response?, headers: HTTPFields) {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let token { headers[.authorization] = "Bearer \(token)" }
        headers.append(contentsOf: extra)
        return try await execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }) { response in
            let decoded = try? JSONCoding.makeDecoder().decode(Response.self, from: Data(buffer: response.body))
            return (response.status, decoded, response.headers)
        }
    }

    func error(_ method: HTTPRequest.Method, _ uri: String, body: String? = nil, token: String? = nil) async throws -> (status: HTTPResponse.Status, error: ErrorBody.Payload?) {
        let result = try await json(method, uri, body: body, token: token, as: ErrorBody.self)
        return (result.status, result.body?.error)
    }

    func register(email: String, password: String = "correct horse", name: String = "Ada") async throws -> User {
        let result = try await json(.post, "/api/v1/auth/register", body: #"{"email":"\#(email)","password":"\#(password)","displayName":"\#(name)"}"#, as: RegisterResponse.self)
        guard result.status == .created, let body = result.body else { throw FixtureError("register answered \(result.status)") }
        return body.user
    }

    func login(email: String, password: String = "correct horse") async throws -> AuthToken {
        let result = try await json(.post, "/api/v1/auth/login", body: #"{"email":"\#(email)","password":"\#(password)"}"#, as: AuthToken.self)
        guard result.status == .ok, let token = result.body else { throw FixtureError("login answered \(result.status)") }
        return token
    }

    func refresh(_ refreshToken: String) async throws -> (status: HTTPResponse.Status, token: AuthToken?, code: String?) {
        let body = #"{"refreshToken":"\#(refreshToken)"}"#
        let result = try await json(.post, "/api/v1/auth/refresh", body: body, as: JSONValue.self)
        if result.status == .ok, let value = result.body {
            let token = try JSONCoding.makeDecoder().decode(AuthToken.self, from: JSONCoding.makeEncoder().encode(value))
            return (result.status, token, nil)
        }
        if case .object(let root)? = result.body, case .object(let error)? = root["error"] {
            return (result.status, nil, error["code"]?.stringValue)
        }
        return (result.status, nil, nil)
    }
}

struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
