import AsyncHTTPClient
import Contracts
import Foundation
import NIOCore
import ServiceKit

/// An OpenAI-compatible server: `POST /v1/chat/completions`; with `stream: true` it answers Server-Sent Events
/// whose data is a chunk (`{"choices": [{"delta": {"content": "…"}}]}`), ending with `data: [DONE]`.
public struct OpenAIProvider: RemoteModelProvider {
    public var name: String { settings.name }
    let settings: ProviderSettings
    let http: ProviderHTTP
    static let path = "/v1/chat/completions"

    public init(settings: ProviderSettings, client: HTTPClient) {
        self.settings = settings
        self.http = ProviderHTTP(client: client, settings: settings)
    }

    /// A streamed `delta` names the role only in its first chunk, if at all.
    struct Message: Codable, Sendable {
        var role: String?
        var content: String?
    }

    struct Request: Encodable, Sendable {
        var model: String
        var messages: [Message]
        var stream: Bool
    }

    struct Completion: Decodable, Sendable {
        struct Choice: Decodable, Sendable {
            var message: Message?
            var delta: Message?
        }

        var choices: [Choice]
    }

    func request(_ prompt: ModelPrompt, stream: Bool) -> Request {
        Request(model: settings.model, messages: prompt.chat.map { Message(role: $0.role.rawValue, content: $0.content) }, stream: stream)
    }

    public func complete(_ prompt: ModelPrompt) async throws -> String {
        let completion = try await http.json(Completion.self, path: Self.path, body: request(prompt, stream: false))
        guard let content = completion.choices.first?.message?.content else { throw ProviderError.malformed("no choice with a message") }
        return content
    }

    public func stream(_ prompt: ModelPrompt, onToken: @escaping @Sendable (String) async throws -> Void) async throws {
        let parser = Locked(ServerSentEventParser())
        let finished = Locked(false)
        try await http.chunks(path: Self.path, body: request(prompt, stream: true)) { chunk in
            let frames = try parser.withLock { try $0.consume(chunk.readableBytesView) }
            for frame in frames {
                if frame.data == "[DONE]" {
                    finished.withLock { $0 = true }
                    return
                }
                let completion: Completion
                do {
                    completion = try SharedCoders.decoder.decode(Completion.self, from: Data(frame.data.utf8))
                } catch {
                    throw ProviderError.malformed("a streamed chunk is not a completion chunk: \(error)")
                }
                if let text = completion.choices.first?.delta?.content, !text.isEmpty { try await onToken(text) }
            }
        }
        guard finished.withLock({ $0 }) else { throw ProviderError.malformed("the stream ended without [DONE]") }
    }
}
