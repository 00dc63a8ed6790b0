import Contracts
import Foundation
import NIOCore
import NIOPosix
import Testing
import TestSupport

/// The console's files from the gateway: the page shell on every client-side route, assets with ETag/304, the
/// security headers, and no way out of the folder.
@Suite("Gateway: console static files")
struct ConsoleStaticFileTests {
    static func header(_ name: String, in headers: [(String, String)]) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }

    @Test func everyClientSideRouteAnswersWithThePageShellAndItsSecurityHeaders() async throws {
        try await GatewayFixture.run { gateway in
            var shell: String?
            for path in ["/", "/login", "/register", "/projects", "/projects/\(UUID().uuidString)", "/analysis", "/learning", "/memory"] {
                let answer = try await gateway.send(.GET, path)
                #expect(answer.status == 200, "\(path)")
                #expect(Self.header("content-type", in: answer.headers) == "text/html; charset=utf-8")
                #expect(answer.body.contains("<script type=\"module\" src=\"/console/app.js\"></script>"))
                if let shell { #expect(answer.body == shell) } else { shell = answer.body }
                let policy = try #require(Self.header("content-security-policy", in: answer.headers), "\(path)")
                #expect(policy.contains("script-src 'self'") && policy.contains("frame-ancestors 'none'") && policy.contains("default-src 'none'"))
                #expect(!policy.contains("unsafe-inline") && !policy.contains("unsafe-eval"))
                #expect(Self.header("x-content-type-options", in: answer.headers) == "nosniff")
                #expect(Self.header("referrer-policy", in: answer.headers) == "no-referrer")
                #expect(Self.header("x-frame-options", in: answer.headers) == "DENY")
                #expect(Self.header("cache-control", in: answer.headers) == "no-cache")
                #expect(Self.header("etag", in: answer.headers)?.hasPrefix("\"") == true)
            }
        }
    }

    @Test func assetsCarryTheirTypeAndAnETagThatAnswers304() async throws {
        try await GatewayFixture.run { gateway in
            for (path, type) in [("/console/app.js", "text/javascript; charset=utf-8"), ("/console/style.css", "text/css; charset=utf-8"),
                                 ("/console/pages/project.js", "text/javascript; charset=utf-8"), ("/console/favicon.svg", "image/svg+xml")] {
                let first = try await gateway.send(.GET, path)
                #expect(first.status == 200, "\(path)")
                #expect(Self.header("content-type", in: first.headers) == type)
                #expect(Self.header("x-content-type-options", in: first.headers) == "nosniff")
                let tag = try #require(Self.header("etag", in: first.headers))
                let again = try await gateway.send(.GET, path, headers: [("If-None-Match", tag)])
                #expect(again.status == 304)
                #expect(again.body.isEmpty)
                #expect(Self.header("etag", in: again.headers) == tag)
                let weak = try await gateway.send(.GET, path, headers: [("If-None-Match", "\"other\", W/\(tag)")])
                #expect(weak.status == 304)
                let stale = try await gateway.send(.GET, path, headers: [("If-None-Match", "\"stale\"")])
                #expect(stale.status == 200)
                #expect(stale.body == first.body)
            }
        }
    }

    /// Raw request lines, so no client library normalizes the path first.
    @Test(arguments: [
        "/console/../Package.swift", "/console/..%2fPackage.swift", "/console/%2e%2e/%2e%2e/etc/passwd", "/console/%2E%2E%2Fetc%2Fpasswd",
        "/console/app.js%00.png", "/console/.hidden", "/console/pages/../app.js", "/console//app.js", "/console/", "/console/missing.js",
        "/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/projects/not-a-uuid", "/projects/..%2f..%2fetc%2fpasswd", "/console/app.js/",
        "/console/index.html%00", "/console/APP.JS", "/console/pages",
    ])
    func badPathsAre404InTheAPIsErrorFormat(_ path: String) async throws {
        try await GatewayFixture.run { gateway in
            let answer = try await Self.rawGet(gateway.gatewayURL, path: path)
            #expect(answer.status == 404, "\(path): \(answer.head)")
            #expect(answer.body.contains("\"code\":\"NOT_FOUND\""), "\(path): \(answer.body)")
            #expect(!answer.body.contains("swift-tools-version") && !answer.body.contains("root:"))
        }
    }

    /// One HTTP/1.1 GET over a plain socket; the status, head and body of the answer.
    static func rawGet(_ baseURL: String, path: String) async throws -> (status: Int, head: String, body: String) {
        let channel = try await RawConnection.open(baseURL)
        return try await channel.executeThenClose { inbound, outbound in
            try await outbound.write(ByteBuffer(string: "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"))
            var text = ""
            for try await chunk in inbound { text += String(buffer: chunk) }
            let parts = text.components(separatedBy: "\r\n\r\n")
            let head = parts.first ?? ""
            let status = Int(head.split(separator: " ").dropFirst().first ?? "") ?? 0
            return (status, head, parts.dropFirst().joined(separator: "\r\n\r\n"))
        }
    }
}
