import Contracts
import Foundation
import Testing
import TestSupport

/// Bad input through the gateway: a 4xx naming what is wrong, never a 500.
@Suite("Projects: hostile input")
struct HostileInputTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var method: String
        /// `{id}` is replaced by a project the caller owns, `{claim}` by the caller's claim id.
        var path: String
        var body: String?
        var headers: [(String, String)] = []
        var status: Int
        var field: String?

        var testDescription: String { "\(method) \(path) \(body.map { String($0.prefix(40)) } ?? "")" }
    }

    static let long = String(repeating: "n", count: 201)
    static let essay = String(repeating: "d", count: 10_001)
    static let claimHeader = [(ProjectHeaders.claimToken, "{claim}")]

    static let cases: [Case] = [
        Case(method: "GET", path: "/api/v1/projects/not-a-uuid", status: 400, field: "id"),
        Case(method: "PATCH", path: "/api/v1/projects/123", body: "{}", status: 400, field: "id"),
        Case(method: "DELETE", path: "/api/v1/projects/%27%20OR%201=1", status: 400, field: "id"),
        Case(method: "POST", path: "/api/v1/projects/zzz/claim", body: "{}", status: 400, field: "id"),
        Case(method: "GET", path: "/api/v1/projects/zzz/lock", status: 400, field: "id"),
        Case(method: "DELETE", path: "/api/v1/projects/{id}/collaborators/nobody", status: 400, field: "userId"),
        Case(method: "GET", path: "/api/v1/projects/sagas/nope", status: 400, field: "sagaId"),
        Case(method: "POST", path: "/api/v1/projects", body: #"{"name":"\#(long)"}"#, status: 400, field: "name"),
        Case(method: "POST", path: "/api/v1/projects", body: #"{"name":"   "}"#, status: 400, field: "name"),
        Case(method: "POST", path: "/api/v1/projects", body: #"{"name":"ok","description":"\#(essay)"}"#, status: 400, field: "description"),
        Case(method: "POST", path: "/api/v1/projects", body: #"{"name":42}"#, status: 400, field: "name"),
        // The shared text rule: control characters (NUL included) anywhere, and a lone surrogate, which the JSON
        // decoder refuses before any field is read.
        Case(method: "POST", path: "/api/v1/projects", body: #"{"name":"a\u0000b"}"#, status: 400, field: "name"),
        Case(method: "POST", path: "/api/v1/projects", body: #"{"name":"ok","description":"bell \u0007"}"#, status: 400, field: "description"),
        Case(method: "POST", path: "/api/v1/projects", body: #"{"name":"ok","description":"NUL \u0000"}"#, status: 400, field: "description"),
        Case(method: "POST", path: "/api/v1/projects", body: #"{"name":"\ud800"}"#, status: 400, field: "body"),
        Case(method: "POST", path: "/api/v1/projects", body: #"{"name":"#, status: 400, field: "body"),
        Case(method: "POST", path: "/api/v1/projects", body: "", status: 400, field: "body"),
        Case(method: "PATCH", path: "/api/v1/projects/{id}", body: #"{"status":"deleted"}"#, headers: claimHeader, status: 400, field: "status"),
        Case(method: "PATCH", path: "/api/v1/projects/{id}", body: #"{"name":"\#(long)"}"#, headers: claimHeader, status: 400, field: "name"),
        Case(method: "PATCH", path: "/api/v1/projects/{id}", body: #"{"description":"\#(essay)"}"#, headers: claimHeader, status: 400, field: "description"),
        Case(method: "PATCH", path: "/api/v1/projects/{id}", body: "{}", headers: [(ProjectHeaders.claimToken, "garbage")], status: 400, field: "X-Claim-Token"),
        Case(method: "PATCH", path: "/api/v1/projects/{id}", body: "{}", headers: claimHeader + [(ProjectHeaders.ifMatch, "\"abc\"")], status: 400, field: "If-Match"),
        Case(method: "POST", path: "/api/v1/projects/{id}/claim", body: #"{"ttlSeconds":0}"#, status: 400, field: "ttlSeconds"),
        Case(method: "POST", path: "/api/v1/projects/{id}/claim", body: #"{"ttlSeconds":3601}"#, status: 400, field: "ttlSeconds"),
        Case(method: "POST", path: "/api/v1/projects/{id}/claim", body: #"{"ttlSeconds":"long"}"#, status: 400, field: "ttlSeconds"),
        Case(method: "POST", path: "/api/v1/projects/{id}/claim/renew", status: 428),
        Case(method: "DELETE", path: "/api/v1/projects/{id}/claim", headers: [(ProjectHeaders.claimToken, "42")], status: 400, field: "X-Claim-Token"),
        Case(method: "POST", path: "/api/v1/projects/{id}/collaborators", body: #"{"userId":"nope"}"#, status: 400, field: "userId"),
        Case(method: "POST", path: "/api/v1/projects/{id}/collaborators", body: "{}", status: 400, field: "userId"),
        Case(method: "GET", path: "/api/v1/projects?limit=0", status: 400, field: "limit"),
        Case(method: "GET", path: "/api/v1/projects?limit=101", status: 400, field: "limit"),
        Case(method: "GET", path: "/api/v1/projects?limit=ten", status: 400, field: "limit"),
        Case(method: "GET", path: "/api/v1/projects?cursor=%21%21%21", status: 400, field: "cursor"),
        Case(method: "POST", path: "/api/v1/projects/with-analysis", body: #"{"name":"x"}"#, status: 400, field: "code"),
        Case(method: "POST", path: "/api/v1/projects/with-analysis", body: #"{"name":"x","code":"   "}"#, status: 400, field: "code"),
    ]

    @Test func badInputIsRefusedNamingTheField() async throws {
        try await ProjectsFixture.run { fixture in
            let user = try await fixture.signIn("hostile")
            let project = try await fixture.project(of: user)
            let claim = try await fixture.throughGateway.claim(project.id, ClaimRequest(), caller: user.caller)
            for testCase in Self.cases {
                let fill = { (text: String) in
                    text.replacingOccurrences(of: "{id}", with: project.id.lowercasedString).replacingOccurrences(of: "{claim}", with: claim.id.lowercasedString)
                }
                let answer = try await fixture.send(
                    testCase.method, fill(testCase.path), as: user, headers: testCase.headers.map { ($0.0, fill($0.1)) }, body: testCase.body
                )
                #expect(answer.status == testCase.status, "\(testCase.testDescription): \(answer.body)")
                if let field = testCase.field {
                    #expect(answer.error?.code == "VALIDATION_FAILED", "\(testCase.testDescription)")
                    #expect(answer.error?.details?["field"] == .string(field), "\(testCase.testDescription): \(answer.body)")
                }
            }
            // Nothing above changed the project.
            #expect(try await fixture.throughGateway.findById(project.id, caller: user.caller).version == 1)
        }
    }

    @Test func otherUsersIdsAnswerNotFoundEverywhere() async throws {
        try await ProjectsFixture.run { fixture in
            let owner = try await fixture.signIn("owner")
            let intruder = try await fixture.signIn("intruder")
            let project = try await fixture.project(of: owner)
            let claim = try await fixture.throughGateway.claim(project.id, ClaimRequest(), caller: owner.caller)
            let base = "/api/v1/projects/\(project.id.lowercasedString)"
            let claimHeader = [(ProjectHeaders.claimToken, claim.id.lowercasedString)]
            let attempts: [(String, String, String?, [(String, String)])] = [
                ("GET", base, nil, []),
                ("PATCH", base, #"{"name":"mine now"}"#, claimHeader),
                ("DELETE", base, nil, []),
                ("POST", base + "/claim", "{}", []),
                ("POST", base + "/claim/renew", nil, claimHeader),
                ("DELETE", base + "/claim", nil, claimHeader),
                ("GET", base + "/lock", nil, []),
                ("POST", base + "/collaborators", #"{"userId":"\#(intruder.id.lowercasedString)"}"#, []),
                ("DELETE", base + "/collaborators/\(owner.id.lowercasedString)", nil, []),
            ]
            for (method, path, body, headers) in attempts {
                let answer = try await fixture.send(method, path, as: intruder, headers: headers, body: body)
                #expect(answer.status == 404, "\(method) \(path): \(answer.body)")
                #expect(answer.error?.code == "NOT_FOUND")
            }
            let stored = try await fixture.throughGateway.findById(project.id, caller: owner.caller)
            #expect(stored.name == project.name)
            #expect(stored.lock?.holderId == owner.id)
        }
    }

    @Test func oversizedBodiesAndMissingTokensAreRefused() async throws {
        try await ProjectsFixture.run { fixture in
            let user = try await fixture.signIn("big")
            let huge = #"{"name":"x","description":""# + String(repeating: "a", count: 1_100_000) + #""}"#
            let tooLarge = try await fixture.send("POST", "/api/v1/projects", as: user, body: huge)
            #expect(tooLarge.status == 413)
            #expect(tooLarge.error?.code == "PAYLOAD_TOO_LARGE")
            let direct = try await fixture.send("POST", "/api/v1/projects", as: user, body: huge, via: fixture.projectsURL)
            #expect(direct.status == 413)

            // Straight to the service, past the gateway: the service checks the token itself.
            let anonymous = try await fixture.send("GET", "/api/v1/projects", via: fixture.projectsURL)
            #expect(anonymous.status == 401)
            let forged = try await fixture.send("GET", "/api/v1/projects", headers: [("Authorization", "Bearer a.b.c")], via: fixture.projectsURL)
            #expect(forged.status == 401)
        }
    }
}
