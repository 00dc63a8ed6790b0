import AsyncHTTPClient
import Contracts
import Foundation
import NIOCore
import Redis
import Testing
import TestSupport

@testable import Gateway

/// `POST /api/v1/events/ticket` and `?ticket=`: how a browser's EventSource / WebSocket authenticate (docs/console.md).
@Suite("Gateway: event tickets")
struct GatewayEventTicketTests {
    static func ticket(_ gateway: GatewayFixture, token: String) async throws -> EventTicket {
        let answer = try await gateway.send(.POST, "/api/v1/events/ticket", token: token)
        #expect(answer.status == 201, "\(answer.body)")
        return try JSONCoding.makeDecoder().decode(EventTicket.self, from: Data(answer.body.utf8))
    }

    /// Opens the SSE feed with a ticket and no Authorization header; the status, and the events read when it is 200.
    static func feed(
        _ gateway: GatewayFixture, ticket: String, count: Int, whenConnected: @escaping @Sendable () async throws -> Void = {}
    ) async throws -> (status: Int, code: String?, events: [(String, String, String)]) {
        let request = HTTPClientRequest(url: gateway.gatewayURL + "/api/v1/events?ticket=\(ticket)")
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        guard response.status == .ok else {
            let body = String(buffer: try await response.body.collect(upTo: 1 << 20))
            return (Int(response.status.code), gateway.errorCode(body), [])
        }
        let body = response.body
        // Opened is all a count of 0 asks; the body (a stream that never ends) is left unread.
        guard count > 0 else { return (200, nil, []) }
        let frames = try await withThrowingTaskGroup(of: GatewayEventFeedTests.Frames?.self) { group in
            group.addTask { try await GatewayEventFeedTests.collect(body, count: count, whenConnected: whenConnected) }
            group.addTask {
                try await Task.sleep(for: .seconds(30))
                return nil
            }
            defer { group.cancelAll() }
            return try await group.next() ?? nil
        }
        return (200, nil, try #require(frames, "no \(count) events within 30 s").events)
    }

    @Test func aTicketOpensItsUsersFeedOnceWithoutAnAuthorizationHeader() async throws {
        try await GatewayFixture.run { gateway in
            let token = try await gateway.signIn(tag: "ticket-owner")
            let me = try #require(try await gateway.auth.validateToken(token.accessToken).userId)
            let stranger = UUID()
            let issued = try await Self.ticket(gateway, token: token.accessToken)
            #expect(EventTicketRules.isWellFormed(issued.ticket))
            #expect(issued.expiresAt <= Date().addingTimeInterval(Double(EventTicketRules.lifetimeSeconds) + 1))
            #expect(issued.expiresAt > Date().addingTimeInterval(-1))

            let subject = UUID().lowercasedString
            let opened = try await Self.feed(gateway, ticket: issued.ticket, count: 1) {
                _ = try await GatewayEventFeedTests.publish(.projectCreated, actor: stranger, audience: [stranger], subject: subject)
                _ = try await GatewayEventFeedTests.publish(.projectClaimed, actor: me, audience: [me], subject: subject)
            }
            #expect(opened.status == 200)
            // The ticket's user's event, not the stranger's one published before it.
            #expect(opened.events.map(\.1) == ["project.claimed"])

            // Single use: the same ticket again is refused, on either feed.
            let again = try await Self.feed(gateway, ticket: issued.ticket, count: 0)
            #expect(again.status == 401)
            #expect(again.code == "UNAUTHORIZED")
        }
    }

    @Test func forgedMalformedAndMissingTicketsAreRefused() async throws {
        try await GatewayFixture.run { gateway in
            let forged = String((0..<43).map { _ in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_".randomElement()! })
            for ticket in [forged, "short", String(repeating: "a", count: 44), "%00%2e%2e", ""] {
                let answer = try await gateway.send(.GET, "/api/v1/events?ticket=\(ticket)")
                #expect(answer.status == 401, "\(ticket): \(answer.body)")
                #expect(gateway.errorCode(answer.body) == "UNAUTHORIZED")
            }
            // Issuing one needs a bearer token.
            let anonymous = try await gateway.send(.POST, "/api/v1/events/ticket")
            #expect(anonymous.status == 401)
        }
    }

    @Test func aTicketIsTakenOnlyByTheEventFeedsAndNeverChangesWhoABearerIs() async throws {
        try await GatewayFixture.run { gateway in
            let alice = try await gateway.signIn(tag: "alice")
            let bob = try await gateway.signIn(tag: "bob")
            let aliceId = try #require(try await gateway.auth.validateToken(alice.accessToken).userId)
            let bobId = try #require(try await gateway.auth.validateToken(bob.accessToken).userId)
            let ticket = try await Self.ticket(gateway, token: alice.accessToken)

            // Any other route ignores it: still 401 without a token.
            for path in ["/api/v1/projects", "/api/v1/auth/me", "/api/v1/memory/kv/x", "/api/v1/events/ticket"] {
                let method: HTTPMethodName = path.hasSuffix("ticket") ? .POST : .GET
                let answer = try await gateway.send(method, "\(path)?ticket=\(ticket.ticket)")
                #expect(answer.status == 401, "\(path)")
            }

            // With Bob's token, Alice's ticket changes nothing: Bob's feed (a token always wins), and the ticket is
            // not spent by it.
            var request = HTTPClientRequest(url: gateway.gatewayURL + "/api/v1/events?ticket=\(ticket.ticket)")
            request.headers.add(name: "Authorization", value: "Bearer \(bob.accessToken)")
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
            #expect(response.status == .ok)
            let subject = UUID().lowercasedString
            let frames = try await withThrowingTaskGroup(of: GatewayEventFeedTests.Frames?.self) { group in
                let body = response.body
                group.addTask {
                    try await GatewayEventFeedTests.collect(body, count: 1) {
                        _ = try await GatewayEventFeedTests.publish(.projectUpdated, actor: aliceId, audience: [aliceId], subject: subject)
                        _ = try await GatewayEventFeedTests.publish(.projectUpdated, actor: bobId, audience: [bobId], subject: subject)
                    }
                }
                group.addTask {
                    try await Task.sleep(for: .seconds(30))
                    return nil
                }
                defer { group.cancelAll() }
                return try await group.next() ?? nil
            }
            let events = try #require(frames).events
            #expect(events.count == 1)
            #expect(events.first?.2.contains(bobId.lowercasedString) == true)
            #expect(events.first?.2.contains("\"actorId\":\"\(aliceId.lowercasedString)\"") == false)

            let stillValid = try await Self.feed(gateway, ticket: ticket.ticket, count: 0)
            #expect(stillValid.status == 200)
        }
    }

    @Test func aTicketExpiresAfterItsLifetime() async throws {
        try await GatewayFixture.run { gateway in
            let token = try await gateway.signIn(tag: "expiry")
            let ticket = try await Self.ticket(gateway, token: token.accessToken)
            let redis = RedisClient(configuration: try RedisConfiguration(url: TestEnvironment.redisURL), logger: TestEnvironment.logger("tickets"))
            // Stored under its hash, never as itself, with the lifetime as TTL.
            let ttl = try await redis.send("TTL", [.string(EventTickets.key(for: ticket.ticket))]).int
            #expect(ttl.map { $0 > 0 && $0 <= Int64(EventTicketRules.lifetimeSeconds) } == true)
            let stored = try await redis.send("KEYS", [.string("gateway:events-ticket:*")]).array?.compactMap(\.string) ?? []
            #expect(!stored.contains { $0.contains(ticket.ticket) })
            await redis.shutdown()
            try await Task.sleep(for: .seconds(Double(EventTicketRules.lifetimeSeconds) + 1.5))
            let late = try await Self.feed(gateway, ticket: ticket.ticket, count: 0)
            #expect(late.status == 401)
        }
    }

    @Test func aTicketDiesWithItsSession() async throws {
        try await GatewayFixture.run { gateway in
            let token = try await gateway.signIn(tag: "revoked")
            let ticket = try await Self.ticket(gateway, token: token.accessToken)
            let caller = try #require(try await gateway.auth.validateToken(token.accessToken).userId)
            try await gateway.auth.terminateSession(token.sessionId, caller: Caller(userId: caller, sessionId: token.sessionId))
            // Wait until the revocation has reached the gateway itself — a route the gateway answers (asking for a
            // ticket) refuses the bearer token; /auth/me would be refused by auth first — then try the ticket.
            let deadline = ContinuousClock.now + .seconds(30)
            while ContinuousClock.now < deadline {
                if try await gateway.send(.POST, "/api/v1/events/ticket", token: token.accessToken).status == 401 { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            let answer = try await Self.feed(gateway, ticket: ticket.ticket, count: 0)
            #expect(answer.status == 401)
        }
    }
}
