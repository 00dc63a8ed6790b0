import Foundation
import Testing
import TestSupport

/// Answers of every size come through whole: small ones that arrive with their head (sent in one write), small ones
/// that arrive in pieces (first chunk, then the rest streamed), and large ones (streamed throughout).
@Suite("Gateway: proxied answer bodies")
struct GatewayProxyBodyTests {
    @Test(arguments: [0, 100, 4096, 10_000, 65_536, 200_000])
    func theWholeBodyArrivesWithItsLength(count: Int) async throws {
        try await GatewayFixture.run { gateway in
            let token = try await gateway.signIn()
            let result = try await gateway.send(.GET, "/api/v1/projects/bytes-\(count)", token: token.accessToken)
            #expect(result.status == 200)
            #expect(result.headers.first { $0.0.lowercased() == "content-length" }?.1 == String(count))
            #expect(result.body.utf8.count == count)
            #expect(Array(result.body.utf8) == EchoUpstream.pattern(count))
        }
    }
}
