import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import NIOHTTP1
import NIOPosix
import ServiceKit
import Synchronization
import Testing

@testable import Gateway

/// The gateway's upstream connections over real sockets, against a real HTTP server: reuse, concurrency, streamed
/// and chunked answers, timeouts, refused and closed connections.
@Suite("Gateway: upstream connection pool")
struct UpstreamConnectionPoolTests {
    /// Answers `/peer` with the client's port (which connection carried the request), `/echo/…` with its own path,
    /// `/chunked-<n>` with n bytes without a length, `/slow` never before 5 s, `/stream` with a line every 20 ms.
    static func upstream(idleTimeoutSeconds: Int = 30) -> some ApplicationProtocol {
        let router = Router(context: AppRequestContext.self)
        router.get("/peer") { _, context in "\(context.remoteAddress?.port ?? -1)" }
        router.get("/echo/**") { request, _ in request.uri.path }
        router.post("/echo/**") { request, _ in
            String(buffer: try await request.body.collect(upTo: 1 << 20))
        }
        router.get("/chunked/:count") { _, context -> Response in
            let count = try context.parameters.require("count", as: Int.self)
            let bytes = EchoUpstream.pattern(count)
            return Response(status: .ok, body: ResponseBody { writer in
                var offset = 0
                while offset < count {
                    let end = min(offset + 10_000, count)
                    try await writer.write(ByteBuffer(bytes: bytes[offset..<end]))
                    offset = end
                }
                try await writer.finish(nil)
            })
        }
        router.get("/slow") { _, _ -> String in
            try await Task.sleep(for: .seconds(5))
            return "late"
        }
        router.get("/stream") { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "text/event-stream"], body: ResponseBody { writer in
                for index in 0..<1000 {
                    try await writer.write(ByteBuffer(string: "data: \(index)\n\n"))
                    try await Task.sleep(for: .milliseconds(20))
                }
                try await writer.finish(nil)
            })
        }
        return Application(
            router: router,
            server: .http1(configuration: .init(idleTimeout: .seconds(Int64(idleTimeoutSeconds)))),
            configuration: .init(address: .hostname("127.0.0.1", port: 0))
        )
    }

    static func withPool(
        idleTimeoutSeconds: Int = 30, _ body: @escaping @Sendable (UpstreamConnectionPool, Upstream) async throws -> Void
    ) async throws {
        try await upstream(idleTimeoutSeconds: idleTimeoutSeconds).test(.live) { client in
            let port = try #require(client.port)
            let upstream = Upstream(name: "projects", service: .projects, baseURL: URL(string: "http://127.0.0.1:\(port)")!)
            let pool = try UpstreamConnectionPool(connectTimeout: .seconds(1))
            try await body(pool, upstream)
            await pool.closeIdle()
        }
    }

    static func get(
        _ path: String, from upstream: Upstream, pool: UpstreamConnectionPool, on loop: (any EventLoop)? = nil,
        timeout: TimeAmount = .seconds(10)
    ) async throws -> (status: Int, body: String) {
        let head = HTTPRequestHead(version: .http1_1, method: .GET, uri: path, headers: ["Host": upstream.address.hostHeader])
        let response = try await pool.execute(head, body: nil, to: upstream, on: loop, timeout: timeout)
        return (Int(response.head.status.code), try await text(of: response))
    }

    static func text(of response: UpstreamResponse) async throws -> String {
        switch response.body {
        case .whole(let buffer):
            return String(buffer: buffer)
        case .stream(let stream):
            var all = ByteBuffer()
            for try await var chunk in stream { all.writeBuffer(&chunk) }
            return String(buffer: all)
        }
    }

    @Test func requestsOneAfterAnotherOnOneLoopShareOneConnection() async throws {
        try await Self.withPool { pool, upstream in
            let loop = MultiThreadedEventLoopGroup.singleton.next()
            var ports: Set<String> = []
            for _ in 0..<20 { ports.insert(try await Self.get("/peer", from: upstream, pool: pool, on: loop).body) }
            #expect(ports.count == 1)
        }
    }

    @Test func concurrentRequestsEachGetTheirOwnAnswer() async throws {
        try await Self.withPool { pool, upstream in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<200 {
                    group.addTask {
                        let result = try await Self.get("/echo/\(index)", from: upstream, pool: pool)
                        #expect(result.status == 200)
                        #expect(result.body == "/echo/\(index)")
                    }
                }
                try await group.waitForAll()
            }
        }
    }

    @Test func aRequestBodyArrivesWhole() async throws {
        try await Self.withPool { pool, upstream in
            let text = String(repeating: "x", count: 300_000)
            let head = HTTPRequestHead(
                version: .http1_1, method: .POST, uri: "/echo/body",
                headers: ["Host": upstream.address.hostHeader, "Content-Length": "\(text.utf8.count)"]
            )
            let response = try await pool.execute(head, body: ByteBuffer(string: text), to: upstream, on: nil, timeout: .seconds(10))
            let echoed = try await Self.text(of: response)
            #expect(echoed == text)
        }
    }

    @Test(arguments: [0, 1, 70_000, 200_000])
    func chunkedAnswersStreamWhole(count: Int) async throws {
        try await Self.withPool { pool, upstream in
            let loop = MultiThreadedEventLoopGroup.singleton.next()
            for _ in 0..<3 {  // and the connection is reused after each
                let result = try await Self.get("/chunked/\(count)", from: upstream, pool: pool, on: loop)
                #expect(result.status == 200)
                #expect(Array(result.body.utf8) == EchoUpstream.pattern(count))
            }
        }
    }

    @Test func anAnswerThatDoesNotComeInTimeIsAReadTimeout() async throws {
        try await Self.withPool { pool, upstream in
            let started = ContinuousClock.now
            await #expect {
                _ = try await Self.get("/slow", from: upstream, pool: pool, timeout: .milliseconds(300))
            } throws: { error in
                if case UpstreamCallError.readTimeout = error { return true }
                return false
            }
            #expect(ContinuousClock.now - started < .seconds(4))
            // The timed-out connection was closed, not reused: the next request gets its own answer.
            let after = try await Self.get("/echo/after", from: upstream, pool: pool)
            #expect(after.body == "/echo/after")
        }
    }

    @Test func aReaderThatStopsEarlyFreesTheLoopForTheNextRequest() async throws {
        try await Self.withPool { pool, upstream in
            let loop = MultiThreadedEventLoopGroup.singleton.next()
            let head = HTTPRequestHead(version: .http1_1, method: .GET, uri: "/stream", headers: ["Host": upstream.address.hostHeader])
            let response = try await pool.execute(head, body: nil, to: upstream, on: loop, timeout: .seconds(10))
            guard case .stream(let stream) = response.body else {
                Issue.record("an event stream has no length, so it streams")
                return
            }
            var lines = 0
            for try await chunk in stream {
                lines += chunk.readableBytes > 0 ? 1 : 0
                if lines == 3 { break }
            }
            #expect(lines == 3)
            let next = try await Self.get("/echo/next", from: upstream, pool: pool, on: loop)
            #expect(next.body == "/echo/next")
        }
    }

    @Test func aConnectionTheUpstreamClosedWhileIdleIsNotUsed() async throws {
        try await Self.withPool(idleTimeoutSeconds: 1) { pool, upstream in
            let loop = MultiThreadedEventLoopGroup.singleton.next()
            let first = try await Self.get("/peer", from: upstream, pool: pool, on: loop).body
            try await Task.sleep(for: .milliseconds(1800))
            let second = try await Self.get("/peer", from: upstream, pool: pool, on: loop).body
            #expect(first != second)
        }
    }

    @Test func aRefusedConnectionIsAConnectFailure() async throws {
        let pool = try UpstreamConnectionPool(connectTimeout: .seconds(1))
        // A port that was just free: bound, then closed.
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: "127.0.0.1", port: 0).get()
        let port = try #require(channel.localAddress?.port)
        try await channel.close()
        let upstream = Upstream(name: "projects", service: .projects, baseURL: URL(string: "http://127.0.0.1:\(port)")!)
        await #expect {
            _ = try await Self.get("/echo/x", from: upstream, pool: pool)
        } throws: { error in
            if case UpstreamCallError.connectFailed = error { return true }
            return false
        }
    }

    @Test func theUpstreamAddressComesFromItsURL() throws {
        let plain = Upstream(name: "auth", service: .auth, baseURL: URL(string: "http://auth:8081/")!)
        #expect(plain.address == .init(host: "auth", port: 8081, usesTLS: false))
        #expect(plain.address.hostHeader == "auth:8081")
        #expect(plain.target(forPath: "/api/v1/auth/me") == "/api/v1/auth/me")
        let tls = Upstream(name: "auth", service: .auth, baseURL: URL(string: "https://auth.example.org/prefix//")!)
        #expect(tls.address == .init(host: "auth.example.org", port: 443, usesTLS: true))
        #expect(tls.address.hostHeader == "auth.example.org")
        #expect(tls.address.serverName == "auth.example.org")
        #expect(tls.target(forPath: "/api/v1/auth/me") == "/prefix/api/v1/auth/me")
        let ip = Upstream(name: "auth", service: .auth, baseURL: URL(string: "https://10.0.0.7:8443")!)
        #expect(ip.address.serverName == nil)
    }
}
