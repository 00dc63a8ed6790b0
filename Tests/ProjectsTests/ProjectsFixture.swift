import AsyncHTTPClient
import Auth
import Contracts
import Coordination
import DevMentorClient
import Foundation
import Gateway
import Hummingbird
import HummingbirdTesting
import Logging
import PostgresNIO
import Projects
import Redis
import ServiceKit
import Testing
import TestSupport

/// A real auth service, a real projects service and a real gateway in front of both, each on a free port and over
/// real sockets, with the test Redis and Postgres. The projects service gets a Postgres schema of its own (dropped
/// afterwards), so its outbox relay publishes exactly this fixture's events and tests can run in parallel.
struct ProjectsFixture: Sendable {
    let auth: AuthCore
    let core: ProjectsCore
    let repository: ProjectPostgresRepository
    let projectsURL: String
    let gatewayURL: String
    let schema: String
    /// The Redis the projects service uses (locks, `events:projects`).
    let redisURL: String
    /// A stream entry id from before the fixture started: its events all come after it, so reading from here skips
    /// whatever other runs left on the shared stream.
    let streamStart: String

    /// - Parameters:
    ///   - aiGatewayURL: where the saga's analysis step goes; by default a port nothing listens on, like today's
    ///     fleet without an AI service.
    ///   - redisURL: the projects service's Redis (a private server for the outage test); auth and the gateway keep
    ///     the shared one.
    static func run(
        aiGatewayURL: String? = nil,
        redisURL: String = TestEnvironment.redisURL,
        _ body: @escaping @Sendable (ProjectsFixture) async throws -> Void
    ) async throws {
        let schema = "projects_test_" + UUID().uuidString.prefix(8).lowercased()
        let streamStart = "\(Int64((Date().timeIntervalSince1970 - 60) * 1000))-0"
        let authSettings = AuthSettings(
            service: TestEnvironment.serviceSettings(name: "auth"),
            keyDirectory: try TestEnvironment.temporaryDirectory("projects-keys"),
            bcryptCost: 4
        )
        let auth = try await AuthApplication.build(settings: authSettings, logger: TestEnvironment.logger("auth"))
        let authCore = auth.core
        let aiURL = try aiGatewayURL ?? "http://127.0.0.1:\(ManagedProcess.freePort())"
        do {
            try await auth.app.test(.live) { authClient in
                let authPort = try #require(authClient.port)
                var service = TestEnvironment.serviceSettings(name: "projects")
                service.redisURL = redisURL
                let settings = ProjectsSettings(
                    service: service,
                    authURL: URL(string: "http://127.0.0.1:\(authPort)")!,
                    aiGatewayURL: URL(string: aiURL)!,
                    aiTimeoutSeconds: 5,
                    schema: schema,
                    outboxPollInterval: .milliseconds(50)
                )
                let projects = try ProjectsApplication.build(settings: settings, logger: TestEnvironment.logger("projects"))
                let core = projects.core
                let repository = projects.repository
                try await projects.app.test(.live) { projectsClient in
                    let projectsPort = try #require(projectsClient.port)
                    try await TestGateway.run(authPort: authPort, service: .projects, port: projectsPort) { gatewayURL in
                        try await body(ProjectsFixture(
                            auth: authCore, core: core, repository: repository, projectsURL: "http://127.0.0.1:\(projectsPort)",
                            gatewayURL: gatewayURL, schema: schema, redisURL: redisURL,
                            streamStart: streamStart
                        ))
                    }
                }
            }
        } catch {
            try? await TestDatabase.dropSchema(schema)
            throw error
        }
        try await TestDatabase.dropSchema(schema)
    }

    // MARK: Users

    /// A registered, logged-in user and the caller its token stands for.
    func signIn(_ tag: String = "user") async throws -> TestUser {
        let password = "password-\(UUID().uuidString.prefix(6))"
        let user = try await auth.register(RegisterRequest(email: TestEnvironment.uniqueEmail(tag), password: password, displayName: tag))
        let token = try await auth.authenticate(LoginRequest(email: user.email, password: password))
        return TestUser(id: user.id, token: token.accessToken, caller: token.caller)
    }

    /// `count` users at once.
    func signIn(_ count: Int, tag: String = "user") async throws -> [TestUser] {
        try await withThrowingTaskGroup(of: TestUser.self) { group in
            for index in 0..<count {
                group.addTask { try await signIn("\(tag)\(index)") }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
    }

    // MARK: Clients

    var throughGateway: DevMentorClient { DevMentorClient(baseURL: gatewayURL) }
    var direct: DevMentorClient { DevMentorClient(baseURL: projectsURL) }

    /// Sends a raw request through the gateway (or to `baseURL`); returns status, headers and body text.
    func send(
        _ method: String, _ path: String, as user: TestUser? = nil, headers: [(String, String)] = [], body: String? = nil,
        via baseURL: String? = nil
    ) async throws -> RawResponse {
        var request = HTTPClientRequest(url: (baseURL ?? gatewayURL) + path)
        request.method = .init(rawValue: method)
        if let user { request.headers.add(name: "Authorization", value: "Bearer \(user.token)") }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(15))
        let text = String(buffer: try await response.body.collect(upTo: 4 << 20))
        return RawResponse(status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) }, body: text)
    }

    /// A project of `owner` with `collaborators` added, created through the gateway.
    func project(of owner: TestUser, name: String = "Shared project", collaborators: [TestUser] = []) async throws -> Project {
        let project = try await throughGateway.create(CreateProjectRequest(name: name), caller: owner.caller)
        for collaborator in collaborators {
            try await throughGateway.addCollaborator(project.id, AddCollaboratorRequest(userId: collaborator.id), caller: owner.caller)
        }
        return project
    }

    // MARK: Events

    /// The envelopes of `events:projects` about `subject`, oldest first, once there are at least `count` of them
    /// (waiting up to `timeout` for the relay); fewer only when the time ran out.
    func events(about subject: UUID, atLeast count: Int, timeout: Duration = .seconds(15)) async throws -> [EventEnvelope] {
        try await TestRedis.with(url: redisURL) { redis in
            let deadline = ContinuousClock.now + timeout
            while true {
                let events = try await Self.readEvents(redis, subject: subject, from: streamStart)
                if events.count >= count || ContinuousClock.now >= deadline { return events }
                try await Task.sleep(for: .milliseconds(50))
            }
        }
    }

    /// The types of the events about `subject` in this fixture's outbox, in outbox order, published or not.
    func outboxTypes(about subject: UUID) async throws -> [String] {
        let schema = self.schema
        return try await TestDatabase.with { client in
            let rows = try await client.query(
                """
                SELECT type FROM \(unescaped: schema).outbox WHERE (envelope::jsonb)->>'subject' = \(subject.lowercasedString) ORDER BY seq
                """,
                logger: TestEnvironment.logger("projects-tests.postgres")
            )
            var types: [String] = []
            for try await type in rows.decode(String.self) { types.append(type) }
            return types
        }
    }

    static func readEvents(_ redis: RedisClient, subject: UUID, from start: String) async throws -> [EventEnvelope] {
        let stream = EventStream.name(source: ServiceName.projects.rawValue)
        let reply = try await redis.send("XRANGE", [.string(stream), .string(start), "+"])
        let decoder = JSONCoding.makeDecoder()
        var events: [EventEnvelope] = []
        for entry in reply.array ?? [] {
            guard let fields = entry.array?.last?.array else { continue }
            for index in stride(from: 0, to: fields.count - 1, by: 2) where fields[index].string == "envelope" {
                guard let bytes = fields[index + 1].bytes,
                      let event = try? decoder.decode(EventEnvelope.self, from: Data(bytes)),
                      event.subject == subject.lowercasedString
                else { continue }
                events.append(event)
            }
        }
        return events
    }
}
