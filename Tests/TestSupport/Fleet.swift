import AsyncHTTPClient
import Contracts
import Foundation
import NIOCore
import Testing

/// The real executables as processes on free ports, against the test Redis and Postgres: by default auth, projects
/// and the gateway; any of `Fleet.startOrder` by name. Upstreams it does not start point at a port nobody listens on.
public final class Fleet: Sendable {
    public let directory: String
    public let ports: [String: Int]
    public let processes: [String: ManagedProcess]
    private let admission = FleetAdmission()

    public var gatewayURL: String { "http://127.0.0.1:\(ports["gateway"]!)" }

    /// The executables a fleet can run, in the order they start (auth first: the others fetch its JWKS), with the
    /// variable that tells the gateway (and the services that call it) where each one listens.
    public static let startOrder: [(name: String, urlVariable: String?)] = [
        ("auth", "AUTH_URL"), ("ai-gateway", "AI_GATEWAY_URL"), ("projects", "PROJECTS_URL"), ("learning", "LEARNING_URL"),
        ("memory", "MEMORY_URL"), ("gateway", nil),
    ]

    public init(services: [String] = ["auth", "projects", "gateway"], gatewayEnvironment: [String: String] = [:]) throws {
        directory = try TestEnvironment.temporaryDirectory("fleet")
        var ports: [String: Int] = [:]
        for service in services { ports[service] = try ManagedProcess.freePort() }
        self.ports = ports
        var common = [
            "HOST": "127.0.0.1", "LOG_LEVEL": "info", "REDIS_URL": TestEnvironment.redisURL,
            "DATABASE_URL": TestEnvironment.databaseURL.absoluteString, "JWT_KEY_DIR": directory + "/keys", "BCRYPT_COST": "4",
        ]
        for case let (service, variable?) in Self.startOrder {
            common[variable] = ports[service].map { "http://127.0.0.1:\($0)" } ?? "http://127.0.0.1:1"
        }
        var processes: [String: ManagedProcess] = [:]
        for service in services {
            var environment = common
            environment["PORT"] = String(ports[service]!)
            if service == "gateway" { environment.merge(gatewayEnvironment) { _, new in new } }
            processes[service] = ManagedProcess(
                executable: TestEnvironment.binaryDirectory + "/" + service, environment: environment, logFile: directory + "/\(service).log"
            )
        }
        self.processes = processes
    }

    /// Starts every process and waits for its `/ready` (the gateway's checks its own Redis only).
    /// Waits for a place at `FleetGate` first: at most two fleets run at once.
    public func start() async throws {
        await admission.take()
        do {
            for (name, _) in Self.startOrder where processes[name] != nil {
                try await startService(name)
            }
        } catch {
            await stop()
            throw error
        }
    }

    public func startService(_ name: String) async throws {
        let process = try #require(processes[name])
        try await process.start()
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            // Ask only once the port accepts connections: HTTPClient.shared would otherwise keep re-dialling a refused
            // port with backoff, and a restart that takes 80 ms would look like one taking seconds.
            if ManagedProcess.accepts(port: ports[name]!),
               let status = try? await get("http://127.0.0.1:\(ports[name]!)/ready").status, status == 200 { return }
            if !process.isRunning { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("\(name) did not become ready; its log:\n\(process.log.suffix(3000))")
        throw CancellationError()
    }

    public func stop() async {
        for process in processes.values { await process.stop() }
        await admission.giveBack()
    }

    public func get(_ url: String, token: String? = nil) async throws -> (status: Int, body: String) {
        try await send("GET", url, token: token)
    }

    public func send(_ method: String, _ url: String, token: String? = nil, body: String? = nil) async throws -> (status: Int, body: String) {
        var request = HTTPClientRequest(url: url)
        request.method = .init(rawValue: method)
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        return (Int(response.status.code), String(buffer: try await response.body.collect(upTo: 1 << 20)))
    }

    /// Registers and logs in through the gateway; returns the access token.
    public func signIn() async throws -> String {
        let email = TestEnvironment.uniqueEmail("fleet")
        let credentials = #"{"email":"\#(email)","password":"fleet-password"}"#
        let registered = try await send("POST", gatewayURL + "/api/v1/auth/register", body: #"{"email":"\#(email)","password":"fleet-password","displayName":"Fleet"}"#)
        #expect(registered.status == 201)
        let login = try await send("POST", gatewayURL + "/api/v1/auth/login", body: credentials)
        let token = try JSONCoding.makeDecoder().decode(AuthToken.self, from: Data(login.body.utf8))
        return token.accessToken
    }

    /// The gateway's Prometheus gauge for an upstream's breaker: 0 closed, 1 half-open, 2 open.
    public func breakerState(_ upstream: String) async throws -> Double? {
        let metrics = try await get(gatewayURL + "/metrics").body
        let prefix = "gateway_circuit_breaker_state{upstream=\"\(upstream)\"} "
        return metrics.split(separator: "\n").first { $0.hasPrefix(prefix) }.flatMap { Double($0.dropFirst(prefix.count)) }
    }
}
