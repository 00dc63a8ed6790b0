import Redis
import Testing

@Suite("Shutdown")
struct ShutdownTests {
    @Test func shutdownIsIdempotentAndLaterCommandsThrow() async throws {
        let client = try RedisTestSupport.makeClient()
        try await client.ping()
        await client.shutdown()
        await client.shutdown()
        let error = await #expect(throws: RedisError.self) { try await client.ping() }
        guard case .connectionUnavailable(let reason)? = error?.kind else {
            Issue.record("expected connectionUnavailable, got \(String(describing: error))")
            return
        }
        #expect(reason.contains("shut down"))
        await #expect(throws: RedisError.self) {
            try await client.withDedicatedConnection { try await $0.send("PING") }
        }
    }

    @Test func shutdownReleasesBlockedDedicatedConnections() async throws {
        let client = try RedisTestSupport.makeClient()
        let key = RedisTestSupport.keyPrefix() + "queue"
        let name = uniqueConnectionName()
        let blocked = Task {
            try await client.withDedicatedConnection { connection in
                try await connection.send("CLIENT", ["SETNAME", .string(name)])
                return try await connection.send("BLPOP", [.string(key), 0], timeout: .unbounded)
            }
        }
        try await waitUntilBlocked(client, name: name)
        await client.shutdown()
        await #expect(throws: RedisError.connectionClosed) { try await blocked.value }
    }

    @Test func shutdownWithoutAnyCommandIsFine() async {
        let client = try? RedisTestSupport.makeClient()
        await client?.shutdown()
        #expect(client != nil)
    }
}
