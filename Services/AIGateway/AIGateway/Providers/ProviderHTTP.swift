import AsyncHTTPClient
import Foundation
import NIOCore
import ServiceKit

/// The HTTP exchange both remote protocols share: a JSON POST under one deadline (the provider's whole-answer
/// timeout; the connect timeout is the client's), a non-2xx status as `ProviderError.status`, the body either
/// collected (capped) or handed on chunk by chunk as it arrives.
struct ProviderHTTP: Sendable {
    let client: HTTPClient
    let settings: ProviderSettings
    static let maxAnswerBytes = 4 << 20

    func post(_ path: String, body: some Encodable) async throws -> HTTPClientResponse {
        var request = HTTPClientRequest(url: settings.baseURL + path)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        if let key = settings.apiKey, !key.isEmpty { request.headers.add(name: "Authorization", value: "Bearer \(key)") }
        request.body = .bytes(ByteBuffer(bytes: try SharedCoders.encoder.encode(body)))
        do {
            let response = try await client.execute(request, deadline: .now() + TimeAmount(settings.timeout))
            guard (200..<300).contains(Int(response.status.code)) else { throw ProviderError.status(Int(response.status.code)) }
            return response
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout {
            throw ProviderError.timedOut
        }
    }

    func json<T: Decodable>(_ type: T.Type, path: String, body: some Encodable) async throws -> T {
        let response = try await post(path, body: body)
        let bytes = try await collect(response)
        do {
            return try SharedCoders.decoder.decode(type, from: Data(buffer: bytes))
        } catch {
            throw ProviderError.malformed("\(error)")
        }
    }

    /// The body's chunks as they come, at most `maxAnswerBytes` in all, within the same deadline as the head.
    func chunks(path: String, body: some Encodable, _ onChunk: @escaping @Sendable (ByteBuffer) async throws -> Void) async throws {
        let deadline = ContinuousClock.now + settings.timeout
        let response = try await post(path, body: body)
        do {
            try await withDeadline(deadline) {
                var total = 0
                for try await chunk in response.body {
                    total += chunk.readableBytes
                    guard total <= Self.maxAnswerBytes else { throw ProviderError.malformed("the answer exceeds \(Self.maxAnswerBytes) bytes") }
                    try await onChunk(chunk)
                }
            }
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout {
            throw ProviderError.timedOut
        }
    }

    private func collect(_ response: HTTPClientResponse) async throws -> ByteBuffer {
        let deadline = ContinuousClock.now + settings.timeout
        return try await withDeadline(deadline) { try await response.body.collect(upTo: Self.maxAnswerBytes) }
    }
}

/// Runs `operation`, failing with `ProviderError.timedOut` once `deadline` passes: AsyncHTTPClient's own deadline
/// stops applying when the response head is in, and a provider may stall mid-body.
func withDeadline<T: Sendable>(
    _ deadline: ContinuousClock.Instant, _ operation: @escaping @Sendable () async throws -> T
) async throws -> T {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try await Task.sleep(until: deadline, clock: .continuous)
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next(), let value = first else { throw ProviderError.timedOut }
        return value
    }
}
