import Redis
import Testing

@Suite("Blocking commands and pub/sub on dedicated connections")
struct DedicatedConnectionTests {
    @Test func blpopIsWokenByAPushFromAnotherConnection() async throws {
        try await RedisTestSupport.withClient { client throws in
            let key = RedisTestSupport.keyPrefix() + "queue"
            let name = uniqueConnectionName()
            let popped = Task {
                try await client.withDedicatedConnection { connection in
                    try await connection.send("CLIENT", ["SETNAME", .string(name)])
                    return try await connection.send("BLPOP", [.string(key), 10], timeout: .after(.seconds(15)))
                }
            }
            // Push only once the BLPOP is actually blocked, so the test proves it was woken up.
            try await waitUntilBlocked(client, name: name)
            #expect(try await client.send("RPUSH", [.string(key), "job-1"]) == .integer(1))
            #expect(try await popped.value == .array([.bulkString(Array(key.utf8)), .bulkString(Array("job-1".utf8))]))
        }
    }

    @Test func dedicatedConnectionIsClosedWhenTheBodyReturnsOrThrows() async throws {
        try await RedisTestSupport.withClient { client throws in
            let kept = try await client.withDedicatedConnection { connection in
                try await connection.send("PING")
                return connection
            }
            #expect(!kept.isActive)
            await #expect(throws: RedisError.connectionClosed) { try await kept.send("PING") }

            struct Abort: Error {}
            await #expect(throws: Abort.self) {
                try await client.withDedicatedConnection { _ in throw Abort() }
            }
        }
    }

    @Test func dedicatedConnectionPipelines() async throws {
        try await RedisTestSupport.withClient { client throws in
            let replies = try await client.withDedicatedConnection { connection in
                try await connection.pipeline([["ECHO", "a"], ["NOSUCHCOMMAND"], ["ECHO", "b"]])
            }
            #expect(replies.count == 3)
            #expect(replies[0] == .bulkString(Array("a".utf8)))
            #expect(replies[1].errorMessage != nil)
            #expect(replies[2] == .bulkString(Array("b".utf8)))
        }
    }

    @Test func subscriberReceivesPublishedMessages() async throws {
        try await RedisTestSupport.withClient { client throws in
            let channel = RedisTestSupport.keyPrefix() + "events"
            let payloads: [[UInt8]] = [Array("first".utf8), [0, 1, 2, 255], Array("third".utf8)]

            let received = try await client.withDedicatedConnection { connection in
                let messages = try await connection.subscribe(channels: [channel], patterns: [channel + "*"])
                var received: [RedisPubSubMessage] = []
                for payload in payloads {
                    // One subscriber by channel and one by pattern, both on this connection.
                    #expect(try await client.publish(channel, .bytes(payload)) == 2)
                }
                for try await message in messages {
                    received.append(message)
                    if received.count == payloads.count * 2 { break }
                }
                return received
            }

            let direct = received.filter { $0.pattern == nil }
            let matched = received.filter { $0.pattern == channel + "*" }
            #expect(direct.map(\.payload) == payloads)
            #expect(matched.map(\.payload) == payloads)
            #expect(received.allSatisfy { $0.channel == channel })
        }
    }

    @Test func subscriptionStreamEndsWhenTheConnectionIsClosed() async throws {
        try await RedisTestSupport.withClient { client throws in
            let channel = RedisTestSupport.keyPrefix() + "quiet"
            let count = try await client.withDedicatedConnection { connection in
                let messages = try await connection.subscribe(channels: [channel])
                await connection.close()
                var count = 0
                for try await _ in messages { count += 1 }
                return count
            }
            #expect(count == 0)
        }
    }
}

/// Waits until the connection named `name` is blocked in `command` on the server, so a test can prove
/// that what it does next is what wakes it. Names keep this exact while other suites share the server.
func waitUntilBlocked(_ client: RedisClient, name: String, in command: String = "blpop") async throws {
    // Generous: under `make test` every suite runs at once on two cores.
    let deadline = ContinuousClock.now + .seconds(30)
    while true {
        let clients = try await client.send("CLIENT", ["LIST", "TYPE", "normal"]).string ?? ""
        let blocked = clients.split(separator: "\n").contains { line in
            line.contains(" name=\(name) ") && line.contains(" cmd=\(command) ")
        }
        if blocked { return }
        guard ContinuousClock.now < deadline else { throw TestFailure("\(name) not blocked in \(command) within 30 s") }
        try await Task.sleep(for: .milliseconds(10))
    }
}

func uniqueConnectionName() -> String {
    "test-\(UInt64.random(in: 0...UInt64.max))"
}
