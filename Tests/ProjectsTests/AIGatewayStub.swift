import Contracts
import Foundation
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

/// A stand-in for the AI gateway service, which does not exist yet: answers `POST /api/v1/ai/analyze` with a fixed
/// analysis and remembers the bearer tokens it was called with.
final class AIGatewayStub: Sendable {
    static let analysis = CodeAnalysis(
        id: UUID(),
        summary: "Small and readable.",
        metrics: CodeMetrics(lines: 3, functions: 1, maxNesting: 1),
        findings: [Finding(agent: "code-analysis", type: .insight, severity: .low, message: "Consider a doc comment.", line: 1, confidence: 0.8)],
        solution: Solution(blackboardId: UUID(), summary: "Add documentation.", recommendations: ["Document f"], confidence: 0.8, contributors: ["code-analysis"])
    )

    private let tokens = Mutex<[String]>([])

    /// The `Authorization` headers received, in order.
    var authorizations: [String] { tokens.withLock { $0 } }

    /// Runs `body` with the stub listening; its base URL is passed in.
    func run(_ body: @escaping @Sendable (String) async throws -> Void) async throws {
        let router = Router()
        router.post("/api/v1/ai/analyze") { [self] request, _ -> Response in
            tokens.withLock { $0.append(request.headers[.authorization] ?? "") }
            let data = try JSONCoding.makeEncoder().encode(Self.analysis)
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            let port = try #require(client.port)
            try await body("http://127.0.0.1:\(port)")
        }
    }
}
