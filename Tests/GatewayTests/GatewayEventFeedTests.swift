import AsyncHTTPClient
import Contracts
import Coordination
import Foundation
import NIOCore
import Redis
import Testing
import TestSupport

/// `GET /api/v1/events`: the caller's events as Server-Sent Events, resumable with Last-Event-ID.
@Suite("Gateway: the SSE event feed")
struct GatewayEventFeedTests {
    /// Reads SSE frames from a streaming response until `count` events (not comments) arrived or time ran out.
    static func readEvents(
        _ gateway: GatewayFixture, token: String, lastEventId: String? = nil, count: Int, within limit: Duration = .seconds(30),
        whenConnected: @escaping @Sendable () async throws -> Void = {}
    ) async throws -> (events: [(id: String, type: String, data: String)], sawHeartbeat: Bool) {
        var request = HTTPClientRequest(url: gateway.gatewayURL + "/api/v1/events")
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        if let lastEventId { request.headers.add(name: "Last-Event-ID", value: lastEventId) }
        let response = try await HTTPClient.shared.execute(request, deadline: .now() + .seconds(Int64(limit.components.seconds)))
        #expect(response.status == .ok)
        #expect(response.headers.first(name: "content-type") == "text/event-stream")
        // AsyncHTTPClient's deadline covers only the response head; the body (a stream that heartbeats forever) gets
        // its own limit here, so a missing event fails the test instead of hanging it.
        let body = response.body
        let frames = try await withThrowingTaskGroup(of: Frames?.self) { group in
            group.addTask { try await Self.collect(body, count: count, whenConnected: whenConnected) }
            group.addTask {
                try await Task.sleep(for: limit)
                return nil
            }
            defer { group.cancelAll() }
            return try await group.next() ?? nil
        }
        let result = try #require(frames, "no \(count) events (or heartbeat) within \(limit)")
        return (result.events.map { (id: $0.0, type: $0.1, data: $0.2) }, result.heartbeat)
    }

    struct Frames: Sendable {
        var events: [(String, String, String)] = []
        var heartbeat = false
    }

    static func collect(
        _ body: HTTPClientResponse.Body, count: Int, whenConnected: @escaping @Sendable () async throws -> Void
    ) async throws -> Frames {
        var buffer = ""
        var frames = Frames()
        var connected = false
        for try await chunk in body {
            buffer += String(buffer: chunk)
            while let end = buffer.range(of: "\n\n") {
                let frame = String(buffer[..<end.lowerBound])
                buffer.removeSubrange(..<end.upperBound)
                if frame.hasPrefix(": connected"), !connected {
                    connected = true
                    try await whenConnected()
                }
                if frame.hasPrefix(": heartbeat") { frames.heartbeat = true }
                var fields: [String: String] = [:]
                for line in frame.split(separator: "\n") where !line.hasPrefix(":") {
                    let parts = line.split(separator: ":", maxSplits: 1)
                    if parts.count == 2 { fields[String(parts[0])] = parts[1].trimmingCharacters(in: .whitespaces) }
                }
                if let id = fields["id"], let type = fields["event"], let data = fields["data"] { frames.events.append((id, type, data)) }
            }
            if frames.events.count >= count && (count > 0 || frames.heartbeat) { break }
        }
        return frames
    }

    static func publish(_ type: EventType, actor: UUID?, audience: [UUID], subject: String) async throws -> String {
        let redis = RedisClient(configuration: try RedisConfiguration(url: TestEnvironment.redisURL), logger: TestEnvironment.logger("events"))
        let publisher = EventPublisher(redis: redis, logger: TestEnvironment.logger("events"))
        let envelope = try EventEnvelope.make(type, subject: subject, actorId: actor, payload: ["audience": audience.map(\.lowercasedString)])
        let id = try await publisher.publish(envelope)
        await redis.shutdown()
        return id
    }

    @Test func theCallerSeesItsEventsAndNotOthersAndCanResume() async throws {
        try await GatewayFixture.run(eventsHeartbeatSeconds: 1) { gateway in
            let token = try await gateway.signIn()
            let me = try #require(try await gateway.auth.validateToken(token.accessToken).userId)
            let stranger = UUID()
            let subject = UUID().lowercasedString
            let received = try await Self.readEvents(gateway, token: token.accessToken, count: 2) {
                _ = try await Self.publish(.projectCreated, actor: stranger, audience: [stranger], subject: subject)
                _ = try await Self.publish(.projectCreated, actor: me, audience: [me], subject: subject)
                _ = try await Self.publish(.projectUpdated, actor: stranger, audience: [stranger, me], subject: subject)
            }
            #expect(received.events.map(\.type) == ["project.created", "project.updated"])
            #expect(received.events.allSatisfy { $0.data.contains(subject) })

            // Resuming after the first one delivers the second (and nothing of the stranger's).
            let first = try #require(received.events.first)
            let resumed = try await Self.readEvents(gateway, token: token.accessToken, lastEventId: first.id, count: 1)
            #expect(resumed.events.first?.type == "project.updated")
            #expect(resumed.events.first?.id == received.events.last?.id)
        }
    }

    @Test func quietStreamsCarryHeartbeats() async throws {
        try await GatewayFixture.run(eventsHeartbeatSeconds: 1) { gateway in
            let token = try await gateway.signIn()
            let received = try await Self.readEvents(gateway, token: token.accessToken, count: 0, within: .seconds(5))
            #expect(received.sawHeartbeat)
        }
    }

    @Test func heartbeatsFlowWhileOtherUsersEventsKeepTheStreamsBusy() async throws {
        try await GatewayFixture.run(eventsHeartbeatSeconds: 1) { gateway in
            let token = try await gateway.signIn()
            let stranger = UUID()
            // A stranger's event every 100 ms: the feed's reads never time out, yet the caller must hear heartbeats.
            let noise = Task {
                let deadline = ContinuousClock.now + .seconds(6)
                while ContinuousClock.now < deadline, !Task.isCancelled {
                    _ = try await Self.publish(.projectUpdated, actor: stranger, audience: [stranger], subject: "noise")
                    try await Task.sleep(for: .milliseconds(100))
                }
            }
            defer { noise.cancel() }
            let received = try await Self.readEvents(gateway, token: token.accessToken, count: 0, within: .seconds(5))
            #expect(received.sawHeartbeat)
            #expect(received.events.isEmpty)
        }
    }

    @Test func theFeedNeedsAToken() async throws {
        try await GatewayFixture.run { gateway in
            let status = try await gateway.send(.GET, "/api/v1/events").status
            #expect(status == 401)
        }
    }
}
