import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// A bearer-authenticated JSON caller over one AsyncHTTPClient whose pool allows one connection per task, so the
/// load is `concurrency` keep-alive connections, as wrk's would be.
struct HTTPCaller: Sendable {
    let client: HTTPClient
    let baseURL: String
    let token: String

    init(baseURL: String, token: String, connections: Int) {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: connections)
        configuration.timeout = .init(connect: .seconds(2), read: .seconds(10))
        configuration.decompression = .disabled
        self.client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.token = token
    }

    /// The answer's status and body (up to 1 MiB).
    func call(_ method: HTTPMethod, _ path: String, json: String? = nil, headers extra: [(String, String)] = []) async throws
        -> (status: Int, body: ByteBuffer)
    {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        for (name, value) in extra { request.headers.add(name: name, value: value) }
        if let json {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: json))
        }
        let response = try await client.execute(request, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1 << 20)
        return (Int(response.status.code), body)
    }

    /// A string field of a JSON object body.
    static func field(_ name: String, in body: ByteBuffer) -> String? {
        let object = try? JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any]
        return object?[name] as? String
    }

    func shutdown() async {
        try? await client.shutdown()
    }
}

struct UnexpectedStatus: Error, CustomStringConvertible {
    let operation: String
    let status: Int
    let body: String

    init(_ operation: String, _ status: Int, _ body: ByteBuffer) {
        self.operation = operation
        self.status = status
        self.body = String(buffer: body).prefix(200).description
    }

    var description: String { "\(operation) answered \(status): \(body)" }
}
