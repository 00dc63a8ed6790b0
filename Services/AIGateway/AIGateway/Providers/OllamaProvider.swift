import AsyncHTTPClient
import Contracts
import Foundation
import NIOCore
import ServiceKit

/// An Ollama-compatible server: `POST /api/chat` for conversations and `POST /api/generate` for one-shot prompts;
/// with `stream: true` each answers JSON lines (`{"message": {"content": "…"}, "done": false}` or
/// `{"response": "…", "done": false}`), the last with `"done": true`.
public struct OllamaProvider: RemoteModelProvider {
    public var name: String { settings.name }
    let settings: ProviderSettings
    let http: ProviderHTTP

    public init(settings: ProviderSettings, client: HTTPClient) {
        self.settings = settings
        self.http = ProviderHTTP(client: client, settings: settings)
    }

    struct Message: Codable, Sendable {
        var role: String
        var content: String
    }

    struct ChatRequest: Encodable, Sendable {
        var model: String
        var messages: [Message]
        var stream: Bool
    }

    struct GenerateRequest: Encodable, Sendable {
        var model: String
        var prompt: String
        var system: String
        var stream: Bool
    }

    /// One line of either endpoint's answer.
    struct Line: Decodable, Sendable {
        var message: Message?
        var response: String?
        var done: Bool?
        var error: String?

        var text: String { message?.content ?? response ?? "" }
    }

    func chatRequest(_ prompt: ModelPrompt, stream: Bool) -> ChatRequest {
        ChatRequest(model: settings.model, messages: prompt.chat.map { Message(role: $0.role.rawValue, content: $0.content) }, stream: stream)
    }

    public func complete(_ prompt: ModelPrompt) async throws -> String {
        let line = try await http.json(Line.self, path: "/api/chat", body: chatRequest(prompt, stream: false))
        if let error = line.error { throw ProviderError.malformed(error) }
        return line.text
    }

    /// A one-shot prompt through `/api/generate`.
    public func generate(_ prompt: ModelPrompt) async throws -> String {
        let body = GenerateRequest(model: settings.model, prompt: prompt.text, system: prompt.system, stream: false)
        let line = try await http.json(Line.self, path: "/api/generate", body: body)
        if let error = line.error { throw ProviderError.malformed(error) }
        return line.text
    }

    public func stream(_ prompt: ModelPrompt, onToken: @escaping @Sendable (String) async throws -> Void) async throws {
        let lines = JSONLineSplitter()
        let finished = Locked(false)
        try await http.chunks(path: "/api/chat", body: chatRequest(prompt, stream: true)) { chunk in
            for raw in lines.consume(chunk) {
                let line: Line
                do {
                    line = try SharedCoders.decoder.decode(Line.self, from: raw)
                } catch {
                    throw ProviderError.malformed("a streamed line is not JSON: \(error)")
                }
                if let error = line.error { throw ProviderError.malformed(error) }
                if !line.text.isEmpty { try await onToken(line.text) }
                if line.done == true { finished.withLock { $0 = true } }
            }
        }
        guard finished.withLock({ $0 }) else { throw ProviderError.malformed("the stream ended without a done line") }
    }
}
