import TestSupport
import Redis
import Testing

@Suite("Configuration from URLs, and AUTH/SELECT on connect")
struct RedisConfigurationTests {
    @Test func parsesFullURL() throws {
        let configuration = try RedisConfiguration(url: "redis://:p%40ss@cache.internal:6390/3")
        #expect(configuration.host == "cache.internal")
        #expect(configuration.port == 6390)
        #expect(configuration.username == nil)
        #expect(configuration.password == "p@ss")
        #expect(configuration.database == 3)
        #expect(configuration.poolSize == 4)
        #expect(configuration.connectTimeout == .seconds(1))
        #expect(configuration.commandTimeout == .seconds(5))
    }

    @Test func appliesDefaults() throws {
        let configuration = try RedisConfiguration(url: "redis://localhost")
        #expect(configuration.host == "localhost")
        #expect(configuration.port == 6379)
        #expect(configuration.password == nil)
        #expect(configuration.database == 0)
        #expect(try RedisConfiguration(url: "REDIS://localhost:7000/").port == 7000)
    }

    @Test func parsesUserAndIPv6() throws {
        let configuration = try RedisConfiguration(url: "redis://worker:secret@[::1]:6400/1")
        #expect(configuration.host == "::1")
        #expect(configuration.port == 6400)
        #expect(configuration.username == "worker")
        #expect(configuration.password == "secret")
        #expect(configuration.database == 1)
    }

    @Test(arguments: [
        "http://localhost:6379", "redis://", "redis://:pw@", "redis://host:0", "redis://host:70000",
        "redis://host:port", "redis://host/db", "redis://host/-1", "redis://host?timeout=1", "redis://[::1",
        "redis://:bad%zzescape@host",
    ])
    func rejectsInvalidURLs(url: String) {
        let error = #expect(throws: RedisError.self) { try RedisConfiguration(url: url) }
        guard case .invalidURL(let reason)? = error?.kind else {
            Issue.record("expected invalidURL for \(url), got \(String(describing: error))")
            return
        }
        #expect(!reason.isEmpty)
    }

    @Test func authenticatesAndSelectsTheDatabase() async throws {
        try await RedisServerProcess.with(extraArguments: ["--requirepass", "s3cret"]) { server throws in
            let key = RedisTestSupport.keyPrefix() + "db"

            try await RedisTestSupport.withClient(url: "redis://:s3cret@127.0.0.1:\(server.port)/5") { client throws in
                try await client.set(key, "in five")
                #expect(try await client.send("CLIENT", ["INFO"]).string?.contains(" db=5 ") == true)
            }
            try await RedisTestSupport.withClient(url: "redis://default:s3cret@127.0.0.1:\(server.port)") { client throws in
                #expect(try await client.exists(key) == false)
                let inFive = try await client.withDedicatedConnection { connection in
                    try await connection.send("SELECT", [5])
                    return try await connection.send("GET", [.string(key)]).string
                }
                #expect(inFive == "in five")
            }
        }
    }

    @Test func rejectedPasswordIsReportedAsUnavailable() async throws {
        try await RedisServerProcess.with(extraArguments: ["--requirepass", "s3cret"]) { server throws in
            try await RedisTestSupport.withClient(url: "redis://:wrong@127.0.0.1:\(server.port)") { client throws in
                let error = await #expect(throws: RedisError.self) { try await client.ping() }
                guard case .connectionUnavailable(let reason)? = error?.kind else {
                    Issue.record("expected connectionUnavailable, got \(String(describing: error))")
                    return
                }
                #expect(reason.contains("WRONGPASS") || reason.contains("invalid password"))
            }
            try await RedisTestSupport.withClient(url: server.url) { client throws in
                let error = await #expect(throws: RedisError.self) { try await client.ping() }
                guard case .server(let message)? = error?.kind else {
                    Issue.record("expected a NOAUTH server error, got \(String(describing: error))")
                    return
                }
                #expect(message.hasPrefix("NOAUTH"))
            }
        }
    }
}
