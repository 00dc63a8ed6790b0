import Foundation
import NIOCore
import NIOPosix
import Testing
import TestSupport

/// A slowloris client: headers promise a body that then trickles in a byte at a time.
@Suite("Gateway: slow clients are cut off")
struct GatewaySlowClientTests {
    @Test func aTricklingBodyGets408AndTheGatewayKeepsServing() async throws {
        try await GatewayFixture.run(bodyTimeoutSeconds: 1) { gateway in
            let token = try await gateway.signIn()
            let channel = try await RawConnection.open(gateway.gatewayURL)
            let start = ContinuousClock.now
            let answer = try await channel.executeThenClose { inbound, outbound in
                let head = "PATCH /api/v1/projects/\(UUID()) HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(token.accessToken)\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n"
                try await outbound.write(ByteBuffer(string: head))
                return try await withThrowingTaskGroup(of: String.self) { group in
                    group.addTask {
                        // One byte every 300 ms: never idle long enough for an idle timeout, never finished.
                        // Once the gateway has answered 408 it closes the connection, so a later write fails:
                        // that is the expected end of this task, not a test failure.
                        do {
                            for _ in 0..<30 {
                                try await outbound.write(ByteBuffer(string: " "))
                                try await Task.sleep(for: .milliseconds(300))
                            }
                        } catch {}
                        return ""
                    }
                    group.addTask {
                        let received = await RawConnection.errorAnswer(from: inbound)
                        return received.isEmpty ? "(connection closed without an answer)" : received
                    }
                    var result = ""
                    while let next = try await group.next() {
                        if !next.isEmpty { result = next; break }
                    }
                    group.cancelAll()
                    return result
                }
            }
            #expect(answer.hasPrefix("HTTP/1.1 408"))
            #expect(answer.contains("REQUEST_TIMEOUT"))
            #expect(ContinuousClock.now - start < .seconds(8))
            #expect(gateway.echo.requests == 0)
            #expect(try await gateway.send(.GET, "/api/v1/projects/\(UUID())", token: token.accessToken).status == 200)
        }
    }

    /// The first request of a fresh connection, its head and a part of its body in one packet, then silence: no
    /// further read ever comes, and the deadline still answers 408 (not the 30 s idle timeout, and the upstream never
    /// sees a cut-off body).
    @Test func aStalledFirstBodyGets408() async throws {
        try await GatewayFixture.run(bodyTimeoutSeconds: 1) { gateway in
            let token = try await gateway.signIn()
            let channel = try await RawConnection.open(gateway.gatewayURL)
            let start = ContinuousClock.now
            let answer = try await channel.executeThenClose { inbound, outbound in
                let request = "POST /api/v1/projects HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(token.accessToken)\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"name\": \"half"
                try await outbound.write(ByteBuffer(string: request))
                return await RawConnection.errorAnswer(from: inbound)
            }
            #expect(answer.hasPrefix("HTTP/1.1 408"))
            #expect(answer.contains("REQUEST_TIMEOUT"))
            #expect(ContinuousClock.now - start < .seconds(8))
            #expect(gateway.echo.requests == 0)
        }
    }
}
