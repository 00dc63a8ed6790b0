import AsyncHTTPClient
import Contracts
import Foundation
import NIOCore

/// Calls the AI gateway service's `POST /api/v1/ai/analyze` on behalf of the caller, with the caller's own bearer
/// token (the AI service checks it like any other request) and the request's id and trace.
struct AIGatewayClient: Sendable {
    /// Without a trailing slash.
    let baseURL: String
    let client: HTTPClient
    let timeout: Duration

    static let analyzePath = "/api/v1/ai/analyze"
    static let maxResponseBytes = 4 << 20

    init(baseURL: URL, client: HTTPClient, timeout: Duration) {
        var base = baseURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        self.client = client
        self.timeout = timeout
    }

    /// The analysis, or an `AIGatewayError` saying why there is none.
    func analyze(_ request: AnalyzeCodeRequest, caller: Caller) async throws(AIGatewayError) -> CodeAnalysis {
        var outbound = HTTPClientRequest(url: baseURL + Self.analyzePath)
        outbound.method = .POST
        outbound.headers.add(name: "Content-Type", value: "application/json")
        outbound.headers.add(name: "Accept", value: "application/json")
        if let token = caller.bearerToken { outbound.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let trace = RequestTrace.current {
            if let requestId = trace.requestId { outbound.headers.add(name: "X-Request-ID", value: requestId) }
            if let traceparent = trace.traceparent { outbound.headers.add(name: "traceparent", value: traceparent) }
        }

        let status: Int
        let body: ByteBuffer
        do {
            outbound.body = .bytes(ByteBuffer(bytes: try JSONCoding.makeEncoder().encode(request)))
            let response = try await client.execute(outbound, timeout: TimeAmount(timeout))
            status = Int(response.status.code)
            body = try await response.body.collect(upTo: Self.maxResponseBytes)
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout {
            throw .timedOut(timeout)
        } catch {
            throw .unreachable(String(describing: error))
        }

        guard status == 200 else {
            throw .refused(status: status, error: (try? JSONCoding.makeDecoder().decode(ErrorBody.self, from: Data(buffer: body)))?.error)
        }
        do {
            return try JSONCoding.makeDecoder().decode(CodeAnalysis.self, from: Data(buffer: body))
        } catch {
            throw .unreadable(String(describing: error))
        }
    }
}
