import Contracts
import Coordination
import Foundation
import Gateway
import NIOCore
import Testing
import TestSupport

@Suite("Gateway: distributed rate limiting")
struct GatewayRateLimitTests {
    static let tight = RateLimitSettings(
        perUser: RateLimitPolicy(rate: 5, period: .seconds(60), burst: 5),
        perIP: RateLimitPolicy(rate: 1000, period: .seconds(60), burst: 1000),
        credentials: RateLimitPolicy(rate: 3, period: .seconds(60), burst: 3)
    )

    static func header(_ name: String, in headers: [(String, String)]) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }

    @Test func overTheLimitIs429WithRetryAfterAndEveryAnswerCarriesTheHeaders() async throws {
        try await GatewayFixture.run(rateLimits: Self.tight) { gateway in
            let token = try await gateway.signIn()
            var statuses: [Int] = []
            var remaining: [String] = []
            for _ in 0..<7 {
                let result = try await gateway.send(.GET, "/api/v1/projects/\(UUID())", token: token.accessToken)
                statuses.append(result.status)
                remaining.append(Self.header("RateLimit-Remaining", in: result.headers) ?? "missing")
                #expect(Self.header("RateLimit-Limit", in: result.headers) == "5")
                #expect(Self.header("RateLimit-Reset", in: result.headers) != nil)
                if result.status == 429 {
                    #expect(gateway.errorCode(result.body) == "RATE_LIMITED")
                    let retryAfter = Int(Self.header("Retry-After", in: result.headers) ?? "") ?? 0
                    #expect((1...12).contains(retryAfter))
                }
            }
            #expect(statuses == [200, 200, 200, 200, 200, 429, 429])
            #expect(remaining.prefix(5) == ["4", "3", "2", "1", "0"])
        }
    }

    @Test func loginIsLimitedPerClientAddressMoreStrictly() async throws {
        try await GatewayFixture.run(rateLimits: Self.tight) { gateway in
            var statuses: [Int] = []
            for _ in 0..<5 {
                let body = ByteBuffer(string: #"{"email":"\#(TestEnvironment.uniqueEmail())","password":"wrong-password"}"#)
                statuses.append(try await gateway.send(.POST, "/api/v1/auth/login", body: body).status)
            }
            // Three wrong passwords reach auth (401), then the gateway stops the address (429).
            #expect(statuses == [401, 401, 401, 429, 429])
        }
    }

    @Test func twoGatewayReplicasShareOneBudget() async throws {
        try await GatewayFixture.run(rateLimits: Self.tight, twoGateways: true) { gateway in
            let token = try await gateway.signIn()
            let replica = try #require(gateway.secondGatewayURL)
            let allowed = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<20 {
                    group.addTask {
                        let result = try await gateway.send(
                            .GET, "/api/v1/projects/\(UUID())", token: token.accessToken, via: index.isMultiple(of: 2) ? nil : replica
                        )
                        return result.status == 200 ? 1 : 0
                    }
                }
                return try await group.reduce(0, +)
            }
            #expect(allowed == 5)
            #expect(gateway.echo.requests == 5)
        }
    }
}
