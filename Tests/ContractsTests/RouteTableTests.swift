import Foundation
import Testing
import Contracts

@Suite("Route table")
struct RouteTableTests {
    /// Every route of docs/api.md, copied from its tables (collection paths and prefixes written out).
    static let apiRoutes: [String] = [
        "GET /health", "GET /metrics", "GET /.well-known/jwks.json", "GET /openapi.json",
        "GET /api/admin/circuit-breakers", "POST /api/admin/circuit-breakers/{name}/reset", "GET /api/v1/events",
        "POST /api/v1/events/ticket", "GET /api/v1/ws", "GET /api/v1/auth/users", "GET /api/v1/auth/users/{id}",

        "POST /api/v1/auth/register", "POST /api/v1/auth/login", "POST /api/v1/auth/refresh", "POST /api/v1/auth/validate",
        "POST /api/v1/auth/revoke", "GET /api/v1/auth/me", "POST /api/v1/auth/sessions", "GET /api/v1/auth/sessions/{id}",
        "DELETE /api/v1/auth/sessions/{id}",

        "POST /api/v1/projects", "GET /api/v1/projects", "GET /api/v1/projects/{id}", "PATCH /api/v1/projects/{id}",
        "DELETE /api/v1/projects/{id}", "POST /api/v1/projects/{id}/claim", "POST /api/v1/projects/{id}/claim/renew",
        "DELETE /api/v1/projects/{id}/claim", "GET /api/v1/projects/{id}/lock", "POST /api/v1/projects/{id}/collaborators",
        "DELETE /api/v1/projects/{id}/collaborators/{userId}", "POST /api/v1/projects/with-analysis",
        "GET /api/v1/projects/sagas/{sagaId}",

        "POST /api/v1/ai/analyze", "POST /api/v1/ai/suggestions", "POST /api/v1/ai/blackboards",
        "POST /api/v1/ai/blackboards/{id}/knowledge", "POST /api/v1/ai/blackboards/{id}/run", "GET /api/v1/ai/blackboards/{id}",
        "POST /api/v1/ai/blackboards/{id}/solution", "POST /api/v1/ai/conversations", "POST /api/v1/ai/conversations/{id}/messages",
        "GET /api/v1/ai/conversations/{id}/stream", "GET /api/v1/ai/providers",

        "GET /api/v1/learning/path", "PUT /api/v1/learning/progress", "GET /api/v1/learning/quizzes",
        "GET /api/v1/learning/quizzes/{id}", "POST /api/v1/learning/quizzes/{id}/answers", "GET /api/v1/learning/recommendations",
        "GET /api/v1/learning/agents/status",

        "GET /api/v1/memory/kv", "PUT /api/v1/memory/kv/{key}", "GET /api/v1/memory/kv/{key}", "DELETE /api/v1/memory/kv/{key}",
        "PUT /api/v1/memory/embeddings/{id}", "POST /api/v1/memory/embeddings/search", "POST /api/v1/memory/invalidate",
        "POST /api/v1/memory/flush",
    ]

    @Test func coversEveryRouteOfAPIMarkdownExactlyOnce() {
        let table = RouteTable.all.map(\.description)
        #expect(table.count == Self.apiRoutes.count)
        #expect(Set(table).count == table.count, "a route is listed twice")
        #expect(Set(table) == Set(Self.apiRoutes))
        #expect(Set(Self.apiRoutes).subtracting(table).isEmpty, "missing: \(Set(Self.apiRoutes).subtracting(table))")
        #expect(Set(table).subtracting(Self.apiRoutes).isEmpty, "not in docs/api.md: \(Set(table).subtracting(Self.apiRoutes))")
    }

    @Test func operationIdsAreUniqueAndNamedAfterTheService() {
        let ids = RouteTable.all.map(\.operationId)
        #expect(Set(ids).count == ids.count)
        for route in RouteTable.all {
            #expect(route.operationId.hasPrefix(route.service.rawValue + "."), "\(route)")
        }
    }

    @Test func servicesOwnTheirPrefixes() {
        let prefixes: [ServiceName: String] = [
            .auth: "/api/v1/auth/", .projects: "/api/v1/projects", .ai: "/api/v1/ai/", .learning: "/api/v1/learning/", .memory: "/api/v1/memory/",
        ]
        for route in RouteTable.all {
            if let prefix = prefixes[route.service] {
                #expect(route.path.hasPrefix(prefix), "\(route)")
            } else {
                #expect(route.service == .gateway)
                #expect(!prefixes.values.contains { route.path.hasPrefix($0) }, "\(route)")
            }
        }
        #expect(RouteTable.routes(of: .projects).count == 13)
        #expect(RouteTable.routes(of: .gateway).count == 9)
    }

    @Test func accessLevels() {
        let publicRoutes = Set(RouteTable.all.filter { $0.access == .public }.map(\.description))
        #expect(publicRoutes == [
            "GET /health", "GET /metrics", "GET /.well-known/jwks.json", "GET /openapi.json",
            "POST /api/v1/auth/register", "POST /api/v1/auth/login", "POST /api/v1/auth/refresh", "POST /api/v1/auth/validate",
        ])
        let adminRoutes = Set(RouteTable.all.filter { $0.access == .admin }.map(\.description))
        #expect(adminRoutes == ["GET /api/admin/circuit-breakers", "POST /api/admin/circuit-breakers/{name}/reset"])
    }

    static let statuses: [(String, Int)] = [
        ("POST /api/v1/auth/register", 201), ("POST /api/v1/auth/sessions", 201), ("POST /api/v1/projects", 201),
        ("POST /api/v1/projects/{id}/claim", 201), ("POST /api/v1/projects/with-analysis", 201), ("POST /api/v1/ai/blackboards", 201),
        ("POST /api/v1/ai/conversations", 201), ("POST /api/v1/ai/blackboards/{id}/knowledge", 202),
        ("POST /api/v1/auth/revoke", 204), ("DELETE /api/v1/auth/sessions/{id}", 204), ("DELETE /api/v1/projects/{id}", 204),
        ("DELETE /api/v1/projects/{id}/claim", 204), ("POST /api/v1/projects/{id}/collaborators", 204),
        ("DELETE /api/v1/projects/{id}/collaborators/{userId}", 204), ("PUT /api/v1/learning/progress", 204),
        ("PUT /api/v1/memory/kv/{key}", 204), ("DELETE /api/v1/memory/kv/{key}", 204), ("PUT /api/v1/memory/embeddings/{id}", 204),
        ("POST /api/v1/memory/flush", 204), ("POST /api/admin/circuit-breakers/{name}/reset", 204),
        ("POST /api/v1/projects/{id}/claim/renew", 200), ("PATCH /api/v1/projects/{id}", 200), ("POST /api/v1/memory/invalidate", 200),
    ]

    @Test("success statuses", arguments: statuses)
    func successStatus(route: String, status: Int) throws {
        let descriptor = try #require(RouteTable.all.first { $0.description == route })
        #expect(descriptor.response.status == status)
        #expect((descriptor.response.body == nil) == (status == 204 || status == 202), "\(route)")
    }

    @Test func bodiesAndNotableErrors() throws {
        let patch = try #require(RouteTable.match(method: .patch, path: "/api/v1/projects/x")?.0)
        #expect(patch.requestBody == "UpdateProjectRequest" && patch.response.body == "Project")
        #expect(Set(patch.errors).isSuperset(of: [.resourceLocked, .claimRequired, .versionConflict, .staleClaim]))
        #expect(patch.parameters.map(\.name) == ["X-Claim-Token", "If-Match"])
        #expect(Set(patch.allErrors).isSuperset(of: [.validationFailed, .payloadTooLarge, .unauthorized, .rateLimited, .serviceUnavailable, .upstreamTimeout]))

        let list = try #require(RouteTable.match(method: .get, path: "/api/v1/projects")?.0)
        #expect(list.response.body == "Page<Project>" && list.parameters.map(\.name) == ["limit", "cursor"])

        let health = try #require(RouteTable.match(method: .get, path: "/health")?.0)
        #expect(!health.allErrors.contains(.unauthorized) && !health.allErrors.contains(.upstreamTimeout))
        // Probes are not rate limited (`rateLimit: .none`), so /health never answers 429.
        #expect(!health.allErrors.contains(.rateLimited) && health.allErrors.contains(.serviceUnavailable))

        let reset = try #require(RouteTable.match(method: .post, path: "/api/admin/circuit-breakers/ai/reset")?.0)
        #expect(reset.allErrors.contains(.forbidden))

        let suggestions = try #require(RouteTable.match(method: .post, path: "/api/v1/ai/suggestions")?.0)
        #expect(suggestions.response.body == "[Suggestion]")
        let stream = try #require(RouteTable.match(method: .get, path: "/api/v1/ai/conversations/c/stream")?.0)
        #expect(stream.response.contentType == "text/event-stream" && stream.response.body == "StreamEvent")
        let events = try #require(RouteTable.match(method: .get, path: "/api/v1/events")?.0)
        #expect(events.response.contentType == "text/event-stream" && events.response.body == "EventEnvelope")
        #expect(try #require(RouteTable.match(method: .put, path: "/api/v1/memory/embeddings/e")?.0).errors.contains(.dimensionMismatch))
        #expect(try #require(RouteTable.match(method: .post, path: "/api/v1/projects/with-analysis")?.0).errors.contains(.sagaFailed))
    }

    @Test func pathParameterNames() throws {
        let remove = try #require(RouteTable.all.first { $0.description == "DELETE /api/v1/projects/{id}/collaborators/{userId}" })
        #expect(remove.pathParameters == ["id", "userId"])
        #expect(RouteTable.all.first { $0.path == "/health" }?.pathParameters == [])
    }

    /// Filling each route's placeholders with neutral values must resolve to that very route: no route is shadowed.
    @Test("each route resolves to itself", arguments: RouteTable.all)
    func resolvesToItself(route: RouteDescriptor) throws {
        var path = route.path
        var expected: [String: String] = [:]
        for name in route.pathParameters {
            path = path.replacingOccurrences(of: "{\(name)}", with: "v-\(name)")
            expected[name] = "v-\(name)"
        }
        let match = try #require(RouteTable.match(method: route.method, path: path))
        #expect(match.0 == route)
        #expect(match.1 == expected)
    }

    static let matches: [(String, String, String, [String: String])] = [
        ("GET", "/api/v1/projects/5b8c7d6e-0000-4000-8000-000000000001", "/api/v1/projects/{id}", ["id": "5b8c7d6e-0000-4000-8000-000000000001"]),
        ("POST", "/api/v1/projects/with-analysis", "/api/v1/projects/with-analysis", [:]),
        ("GET", "/api/v1/projects/sagas/lock", "/api/v1/projects/sagas/{sagaId}", ["sagaId": "lock"]),
        ("GET", "/api/v1/projects/p1/lock", "/api/v1/projects/{id}/lock", ["id": "p1"]),
        ("GET", "/api/v1/projects/with-analysis", "/api/v1/projects/{id}", ["id": "with-analysis"]),
        ("DELETE", "/api/v1/projects/p1/collaborators/u1", "/api/v1/projects/{id}/collaborators/{userId}", ["id": "p1", "userId": "u1"]),
        ("POST", "/api/v1/projects/p1/claim/renew", "/api/v1/projects/{id}/claim/renew", ["id": "p1"]),
        ("DELETE", "/api/v1/projects/p1/claim", "/api/v1/projects/{id}/claim", ["id": "p1"]),
        ("POST", "/api/v1/memory/embeddings/search", "/api/v1/memory/embeddings/search", [:]),
        ("PUT", "/api/v1/memory/embeddings/search", "/api/v1/memory/embeddings/{id}", ["id": "search"]),
        ("GET", "/api/v1/memory/kv/cache%3Auser%2F1", "/api/v1/memory/kv/{key}", ["key": "cache:user/1"]),
        ("GET", "/api/v1/memory/kv/%E2%82%AC%20x", "/api/v1/memory/kv/{key}", ["key": "€ x"]),
        ("GET", "/api/v1/projects?limit=5&cursor=abc", "/api/v1/projects", [:]),
        ("POST", "/api/v1/projects/", "/api/v1/projects", [:]),
        ("POST", "/api/admin/circuit-breakers/projects/reset", "/api/admin/circuit-breakers/{name}/reset", ["name": "projects"]),
        ("GET", "/.well-known/jwks.json", "/.well-known/jwks.json", [:]),
        ("get", "/api/v1/auth/me", "/api/v1/auth/me", [:]),
        ("GET", "/api/v1/learning/agents/status", "/api/v1/learning/agents/status", [:]),
    ]

    @Test("match resolves paths and parameters", arguments: matches)
    func match(method: String, path: String, routePath: String, parameters: [String: String]) throws {
        let match = try #require(RouteTable.match(method: method, path: path))
        #expect(match.0.path == routePath)
        #expect(match.0.method.rawValue == method.uppercased())
        #expect(match.1 == parameters)
    }

    static let misses: [(String, String)] = [
        ("GET", "/api/v1/nope"),
        ("GET", "/api/v1/projects/a/b/c"),
        ("GET", "/api/v1/projectsX"),
        ("DELETE", "/api/v1/memory/kv/"),
        ("GET", "/api/v1/memory/kv//x"),
        ("GET", "/api/v1/projects//lock"),
        ("TRACE", "/health"),
        ("POST", "/health"),
        ("GET", "/"),
        ("GET", ""),
    ]

    @Test("match finds nothing", arguments: misses)
    func miss(method: String, path: String) {
        #expect(RouteTable.match(method: method, path: path) == nil)
    }

    @Test func allowedMethodsTellNotFoundFromMethodNotAllowed() {
        #expect(RouteTable.allowedMethods(path: "/api/v1/projects/p1") == [.get, .patch, .delete])
        #expect(RouteTable.allowedMethods(path: "/api/v1/projects") == [.get, .post])
        #expect(RouteTable.allowedMethods(path: "/api/v1/memory/flush") == [.post])
        #expect(RouteTable.allowedMethods(path: "/api/v1/memory/kv/k") == [.get, .put, .delete])
        #expect(RouteTable.allowedMethods(path: "/api/v1/nope").isEmpty)
    }

    @Test func literalBeatsParameterAtTheFirstDifference() {
        let saga = PathPattern("/api/v1/projects/sagas/{sagaId}")
        let lock = PathPattern("/api/v1/projects/{id}/lock")
        #expect(saga.isMoreSpecific(than: lock))
        #expect(!lock.isMoreSpecific(than: saga))
        #expect(!saga.isMoreSpecific(than: saga))
    }
}
