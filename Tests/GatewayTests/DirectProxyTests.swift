import AsyncHTTPClient
import Contracts
import Foundation
import Gateway
import Logging
import NIOCore
import Testing
import TestSupport

/// The gateway's direct proxy path (`DirectProxy`): proxied requests every check admits at once are answered from
/// the connection's handler. These tests check it is taken, that its answers are the router's answers, and that a
/// connection mixing both paths keeps its order. (Every other gateway suite runs with the path on as well: their
/// requests go whichever way the checks send them.)
@Suite struct DirectProxyTests {
    /// A gateway logger at `info` that counts the access-log lines of requests answered on the direct path (their
    /// `proxy=direct` metadata): the metrics are process-wide and other suites' gateways run at the same time.
    static func countingLogger() -> (Logger, DirectLines) {
        let lines = DirectLines()
        var logger = Logger(label: "gateway") { _ in DirectLineCounter(lines: lines) }
        logger.logLevel = .info
        return (logger, lines)
    }

    static func header(_ name: String, _ headers: [(String, String)]) -> String? {
        headers.first { $0.0.lowercased() == name }?.1
    }

    struct Shape: Sendable, Equatable {
        let status: Int
        let headers: [String]
        let upstreamHeaders: [String]
    }

    /// Status, response header names and the headers the upstream received, with the values that differ per request
    /// (ids, trace, rate-limit counts) left out.
    static func shape(_ result: (status: Int, headers: [(String, String)], body: String)) throws -> Shape {
        let names = Set(result.headers.map { $0.0.lowercased() }).subtracting(["date"]).sorted()
        let echoed = try JSONDecoder().decode([String: [String: String]].self, from: Data(result.body.utf8))["headers"] ?? [:]
        return Shape(status: result.status, headers: names, upstreamHeaders: echoed.keys.map { $0.lowercased() }.sorted())
    }

    @Test func aWarmRequestIsAnsweredDirectlyAndLooksLikeTheRoutersAnswer() async throws {
        let shapes = Locked<[Bool: Shape]>([:])
        for direct in [true, false] {
            let (logger, lines) = Self.countingLogger()
            try await GatewayFixture.run(directProxy: direct, logger: logger) { gateway in
                let token = try await gateway.signIn()
                var last: (status: Int, headers: [(String, String)], body: String)?
                for index in 0..<30 {
                    let result = try await gateway.send(
                        .GET, "/api/v1/projects/\(UUID())?page=\(index)", token: token.accessToken, headers: [("X-Request-ID", "direct-\(index)")]
                    )
                    #expect(result.status == 200)
                    #expect(Self.header("x-request-id", result.headers) == "direct-\(index)")
                    #expect(Self.header("ratelimit-limit", result.headers) != nil)
                    #expect(Self.header("server", result.headers) == "gateway")
                    let echoed = try JSONDecoder().decode([String: [String: String]].self, from: Data(result.body.utf8))["headers"] ?? [:]
                    #expect(echoed["x-request-id"] == "direct-\(index)")
                    #expect(echoed["x-devmentor-user-id"] != nil)
                    #expect(echoed["traceparent"]?.hasPrefix("00-") == true)
                    last = result
                }
                if direct {
                    // The first requests go the general way (the token is verified once, leases start small).
                    #expect(lines.count >= 20)
                } else {
                    #expect(lines.count == 0)
                }
                let shape = try Self.shape(try #require(last))
                shapes.withLock { $0[direct] = shape }
            }
        }
        let (direct, general) = shapes.withLock { ($0[true], $0[false]) }
        #expect(direct != nil)
        #expect(direct == general)
    }

    @Test func pipelinedRequestsOnBothPathsAreAnsweredInOrder() async throws {
        try await GatewayFixture.run { gateway in
            let token = try await gateway.signIn()
            for _ in 0..<10 { _ = try await gateway.send(.GET, "/api/v1/projects/\(UUID())", token: token.accessToken) }
            let host = gateway.gatewayURL.replacingOccurrences(of: "http://", with: "")
            // Direct, router (the gateway's own /health), direct with a body, router (no token: 401), direct.
            let requests = [
                "GET /api/v1/projects/\(UUID()) HTTP/1.1\r\nHost: \(host)\r\nAuthorization: Bearer \(token.accessToken)\r\nX-Request-ID: p1\r\n\r\n",
                "GET /health HTTP/1.1\r\nHost: \(host)\r\nX-Request-ID: p2\r\n\r\n",
                "PATCH /api/v1/projects/\(UUID()) HTTP/1.1\r\nHost: \(host)\r\nAuthorization: Bearer \(token.accessToken)\r\nX-Request-ID: p3\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}",
                "GET /api/v1/projects/\(UUID()) HTTP/1.1\r\nHost: \(host)\r\nX-Request-ID: p4\r\n\r\n",
                "GET /api/v1/projects/\(UUID()) HTTP/1.1\r\nHost: \(host)\r\nAuthorization: Bearer \(token.accessToken)\r\nX-Request-ID: p5\r\n\r\n",
            ]
            let connection = try await RawConnection.open(gateway.gatewayURL)
            let ids = try await connection.executeThenClose { inbound, outbound in
                try await outbound.write(ByteBuffer(string: requests.joined()))
                var received = ""
                var ids: [String] = []
                for try await chunk in inbound {
                    received += String(buffer: chunk)
                    ids = received.components(separatedBy: "\r\n").compactMap { line in
                        line.lowercased().hasPrefix("x-request-id: ") ? String(line.dropFirst("x-request-id: ".count)) : nil
                    }
                    if ids.count == requests.count { break }
                }
                return ids
            }
            #expect(ids == ["p1", "p2", "p3", "p4", "p5"])
        }
    }

    @Test func largeAnswersStreamAndLargeBodiesGoTheGeneralWay() async throws {
        let (logger, lines) = Self.countingLogger()
        // Wide limits: leases grow quickly, so nearly every request after the first few is admitted from one.
        let limits = RateLimitSettings(
            perUser: TestGateway.generous, perIP: TestGateway.generous, credentials: TestGateway.generous,
            failedAuthentication: TestGateway.generous, keyPrefix: "unused"
        )
        try await GatewayFixture.run(rateLimits: limits, logger: logger) { gateway in
            let token = try await gateway.signIn()
            for _ in 0..<10 { _ = try await gateway.send(.GET, "/api/v1/projects/\(UUID())", token: token.accessToken) }
            let before = lines.count
            // Over 64 KiB: the upstream's answer is relayed as it arrives.
            for _ in 0..<5 {
                let large = try await gateway.send(.GET, "/api/v1/projects/bytes-300000", token: token.accessToken)
                #expect(large.status == 200)
                #expect(large.body == String(decoding: EchoUpstream.pattern(300_000), as: UTF8.self))
            }
            let small = try await gateway.send(.GET, "/api/v1/projects/bytes-10", token: token.accessToken)
            #expect(small.body == "abcdefghij")
            // The first comes right after the warm-up, from its lease; later ones may find their lease expired
            // (each large answer takes ~0.4 s to trickle in, leases last 1 s) and go the general way.
            #expect(lines.count - before >= 1)

            // A body within 64 KiB is collected and forwarded with its length; a larger one goes through the router.
            for size in [1_000, 65_536, 200_000] {
                let result = try await gateway.send(
                    .PATCH, "/api/v1/projects/\(UUID())", token: token.accessToken, headers: [("Content-Type", "application/json")],
                    body: ByteBuffer(string: "\"" + String(repeating: "x", count: size - 2) + "\"")
                )
                #expect(result.status == 200)
                let echoed = try JSONDecoder().decode([String: [String: String]].self, from: Data(result.body.utf8))["headers"] ?? [:]
                #expect(echoed["content-length"] == String(size))
            }
        }
    }

    @Test func aServiceThatIsDownIsAnsweredAsTheRouterAnswersIt() async throws {
        // Nothing listens on the projects port: the direct path hands each request back and the router's proxy
        // answers 503 SERVICE_UNAVAILABLE (with its retry), as with the path off.
        try await GatewayFixture.run(projectsURL: "http://127.0.0.1:1") { gateway in
            let token = try await gateway.signIn()
            for _ in 0..<15 {
                let result = try await gateway.send(.GET, "/api/v1/projects/\(UUID())", token: token.accessToken)
                #expect(result.status == 503)
                #expect(["SERVICE_UNAVAILABLE"].contains(gateway.errorCode(result.body)))
            }
        }
    }
}

final class DirectLines: Sendable {
    private let counter = Locked(0)
    var count: Int { counter.withLock { $0 } }
    func add() { counter.withLock { $0 += 1 } }
}

/// Counts log lines with `proxy=direct`; writes nothing.
struct DirectLineCounter: LogHandler {
    let lines: DirectLines
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        if case .string("direct")? = event.metadata?["proxy"] { lines.add() }
    }
}
