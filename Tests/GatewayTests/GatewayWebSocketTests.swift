import Contracts
import Foundation
import HTTPTypes
import HummingbirdWSClient
import Logging
import NIOCore
import Synchronization
import Testing
import TestSupport

/// `GET /api/v1/ws`: the event feed over a WebSocket — same events as the SSE feed, resume, per-project subscriptions.
@Suite("Gateway: the WebSocket event feed")
struct GatewayWebSocketTests {
    /// Connects, runs `script` with a way to send client messages, and collects server messages until `until` says
    /// enough (or 30 s pass, which fails the test).
    static func session(
        _ gateway: GatewayFixture, query: String, headers: HTTPFields = [:],
        script: @escaping @Sendable (_ send: @Sendable (FeedClientMessage) async throws -> Void, _ received: @Sendable () -> [FeedServerMessage]) async throws -> Void = { _, _ in },
        until: @escaping @Sendable ([FeedServerMessage]) -> Bool
    ) async throws -> [FeedServerMessage] {
        let url = gateway.gatewayURL.replacingOccurrences(of: "http://", with: "ws://") + "/api/v1/ws" + query
        let received = Locked<[FeedServerMessage]>([])
        var settings = WebSocketClientConfiguration()
        settings.additionalHeaders = headers
        let configuration = settings
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await WebSocketClient.connect(url: url, configuration: configuration, logger: TestEnvironment.logger("ws-client")) { inbound, outbound, _ in
                    let connected = AsyncStream.makeStream(of: Void.self)
                    try await withThrowingTaskGroup(of: Void.self) { inner in
                        inner.addTask {
                            for await _ in connected.stream { break }
                            try await script({ message in
                                try await outbound.writeTextMessage(String(decoding: try JSONCoding.makeEncoder().encode(message), as: UTF8.self))
                            }, { received.withLock { $0 } })
                        }
                        for try await message in inbound.messages(maxSize: 1 << 20) {
                            guard case .text(let text) = message else { continue }
                            let decoded = try JSONCoding.makeDecoder().decode(FeedServerMessage.self, from: Data(text.utf8))
                            let all = received.withLock { list in
                                list.append(decoded)
                                return list
                            }
                            if decoded.type == .connected { connected.continuation.yield() }
                            if until(all) { break }
                        }
                        inner.cancelAll()
                    }
                    try await outbound.close(.normalClosure, reason: nil)
                }
            }
            group.addTask {
                try await Task.sleep(for: .seconds(30))
                throw CancellationError()
            }
            try await group.next()
            group.cancelAll()
        }
        return received.withLock { $0 }
    }

    static func events(_ messages: [FeedServerMessage]) -> [FeedServerMessage] { messages.filter { $0.type == .event } }

    @Test func aBearerOrATicketOpensTheSocketWithTheSameEventsAsTheSSEFeed() async throws {
        try await GatewayFixture.run { gateway in
            let token = try await gateway.signIn(tag: "ws")
            let me = try #require(try await gateway.auth.validateToken(token.accessToken).userId)
            let stranger = UUID()
            let subject = UUID().lowercasedString
            let viaToken = try await Self.session(gateway, query: "", headers: [.authorization: "Bearer \(token.accessToken)"], script: { _, _ in
                _ = try await GatewayEventFeedTests.publish(.projectCreated, actor: stranger, audience: [stranger], subject: subject)
                _ = try await GatewayEventFeedTests.publish(.projectCreated, actor: me, audience: [me], subject: subject)
                _ = try await GatewayEventFeedTests.publish(.projectUpdated, actor: stranger, audience: [stranger, me], subject: subject)
            }, until: { Self.events($0).count >= 2 })
            #expect(viaToken.first?.type == .connected)
            let events = Self.events(viaToken)
            #expect(events.map { $0.event?.type } == ["project.created", "project.updated"])
            #expect(events.allSatisfy { $0.event?.subject == subject && $0.id != nil })

            // Resume after the first: the second comes again, through a ticket this time.
            let ticket = try await GatewayEventTicketTests.ticket(gateway, token: token.accessToken)
            let first = try #require(events.first?.id)
            let resumed = try await Self.session(gateway, query: "?ticket=\(ticket.ticket)&lastEventId=\(first)", until: { Self.events($0).count >= 1 })
            #expect(Self.events(resumed).first?.id == events.last?.id)
            #expect(Self.events(resumed).first?.event?.type == "project.updated")
        }
    }

    @Test func subscribingNarrowsTheFeedToOneProjectAndUnsubscribingWidensItAgain() async throws {
        try await GatewayFixture.run { gateway in
            let token = try await gateway.signIn(tag: "ws-sub")
            let me = try #require(try await gateway.auth.validateToken(token.accessToken).userId)
            let watched = UUID()
            let other = UUID()
            let messages = try await Self.session(gateway, query: "", headers: [.authorization: "Bearer \(token.accessToken)"], script: { send, received in
                try await send(FeedClientMessage(type: .subscribe, projectId: watched))
                try await Self.waitFor(received) { $0.contains { $0.type == .subscribed } }
                _ = try await GatewayEventFeedTests.publish(.projectUpdated, actor: me, audience: [me], subject: other.lowercasedString)
                _ = try await GatewayEventFeedTests.publish(.projectClaimed, actor: me, audience: [me], subject: watched.lowercasedString)
                try await Self.waitFor(received) { Self.events($0).count >= 1 }
                try await send(FeedClientMessage(type: .unsubscribe, projectId: watched))
                try await Self.waitFor(received) { $0.contains { $0.type == .unsubscribed } }
                _ = try await GatewayEventFeedTests.publish(.projectReleased, actor: me, audience: [me], subject: other.lowercasedString)
            }, until: { Self.events($0).count >= 2 })
            let subscribed = try #require(messages.first { $0.type == .subscribed })
            #expect(subscribed.projectId == watched && subscribed.subscriptions == [watched])
            #expect(messages.first { $0.type == .unsubscribed }?.subscriptions == [])
            let events = Self.events(messages)
            // The other project's update, sent while subscribed to `watched`, never arrived.
            #expect(events.map { $0.event?.type } == ["project.claimed", "project.released"])
            #expect(events.first?.event?.subject == watched.lowercasedString)
        }
    }

    @Test func aBadClientMessageIsAnsweredWithAnErrorAndTheSocketStaysOpen() async throws {
        try await GatewayFixture.run { gateway in
            let token = try await gateway.signIn(tag: "ws-bad")
            let me = try #require(try await gateway.auth.validateToken(token.accessToken).userId)
            let subject = UUID().lowercasedString
            let url = gateway.gatewayURL.replacingOccurrences(of: "http://", with: "ws://") + "/api/v1/ws"
            var configuration = WebSocketClientConfiguration()
            configuration.additionalHeaders = [.authorization: "Bearer \(token.accessToken)"]
            let seen = Locked<[String]>([])
            try await WebSocketClient.connect(url: url, configuration: configuration, logger: TestEnvironment.logger("ws-client")) { inbound, outbound, _ in
                for try await message in inbound.messages(maxSize: 1 << 20) {
                    guard case .text(let text) = message else { continue }
                    let decoded = try JSONCoding.makeDecoder().decode(FeedServerMessage.self, from: Data(text.utf8))
                    seen.withLock { $0.append(decoded.type.rawValue + (decoded.error?.code ?? "")) }
                    switch decoded.type {
                    case .connected: try await outbound.writeTextMessage("{\"type\":\"subscribe\",\"projectId\":\"not-a-uuid\"}")
                    case .error: _ = try await GatewayEventFeedTests.publish(.projectCreated, actor: me, audience: [me], subject: subject)
                    case .event: try await outbound.close(.normalClosure, reason: nil)
                    default: break
                    }
                }
            }
            #expect(seen.withLock { $0 } == ["connected", "errorVALIDATION_FAILED", "event"])
        }
    }

    @Test func anUpgradeWithoutCredentialsIsRefusedAndAPlainGetIsToldToUpgrade() async throws {
        try await GatewayFixture.run { gateway in
            let url = gateway.gatewayURL.replacingOccurrences(of: "http://", with: "ws://") + "/api/v1/ws"
            for query in ["", "?ticket=" + String(repeating: "x", count: 43)] {
                await #expect(throws: (any Error).self) {
                    try await WebSocketClient.connect(url: url + query, logger: TestEnvironment.logger("ws-client")) { _, _, _ in }
                }
            }
            // The same requests as plain HTTP get the API's errors.
            let anonymous = try await gateway.send(.GET, "/api/v1/ws")
            #expect(anonymous.status == 401)
            #expect(gateway.errorCode(anonymous.body) == "UNAUTHORIZED")
            let token = try await gateway.signIn(tag: "ws-plain")
            let plain = try await gateway.send(.GET, "/api/v1/ws", token: token.accessToken)
            #expect(plain.status == 400)
            #expect(gateway.errorCode(plain.body) == "VALIDATION_FAILED")
        }
    }

    static func waitFor(_ received: @Sendable () -> [FeedServerMessage], _ condition: ([FeedServerMessage]) -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(20)
        while !condition(received()) {
            guard ContinuousClock.now < deadline else { throw CancellationError() }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}

