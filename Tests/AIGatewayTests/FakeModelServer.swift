import AIGateway
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Synchronization
import Testing

/// A model provider inside the test process, speaking both protocols: Ollama's `/api/chat` and `/api/generate`
/// (JSON lines when streaming) and OpenAI's `/v1/chat/completions` (SSE when streaming). On command it answers,
/// fails (HTTP 500), is slow (sleeps before answering), or holds its stream after the first token until released.
final class FakeModelServer: Sendable {
    enum Behaviour: Sendable, Equatable {
        case answer
        case fail
        case slow(Duration)
        /// Streams the first token, then waits for `release()` before the rest.
        case gated
    }

    struct State: Sendable {
        var behaviour: Behaviour = .answer
        var tokens: [String]
        var tokenDelay: Duration = .milliseconds(5)
        var calls = 0
        var producedLast = false
    }

    private let state: Mutex<State>
    private let gate = AsyncStream.makeStream(of: Void.self)

    init(tokens: [String] = ["Split ", "the ", "function ", "at ", "line ", "4."]) {
        state = Mutex(State(tokens: tokens))
    }

    func set(_ behaviour: Behaviour) { state.withLock { $0.behaviour = behaviour } }
    var calls: Int { state.withLock { $0.calls } }
    var producedLast: Bool { state.withLock { $0.producedLast } }
    var answer: String { state.withLock { $0.tokens.joined() } }
    func release() { gate.continuation.yield() }

    /// Runs the server on a free port for `body`.
    func run<T: Sendable>(_ body: @escaping @Sendable (String) async throws -> T) async throws -> T {
        let router = Router()
        router.post("/api/chat") { request, context in try await self.respond(request, context: context, dialect: .ollamaChat) }
        router.post("/api/generate") { request, context in try await self.respond(request, context: context, dialect: .ollamaGenerate) }
        router.post("/v1/chat/completions") { request, context in try await self.respond(request, context: context, dialect: .openai) }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        return try await app.test(.live) { client in
            let port = try #require(client.port)
            return try await body("http://127.0.0.1:\(port)")
        }
    }

    enum Dialect {
        case ollamaChat, ollamaGenerate, openai
    }

    private func respond(_ request: Request, context: BasicRequestContext, dialect: Dialect) async throws -> Response {
        let body = try await request.body.collect(upTo: 1 << 22)
        let json = try JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any] ?? [:]
        let streaming = json["stream"] as? Bool ?? false
        let (behaviour, tokens, delay) = state.withLock { state -> (Behaviour, [String], Duration) in
            state.calls += 1
            state.producedLast = false
            return (state.behaviour, state.tokens, state.tokenDelay)
        }
        switch behaviour {
        case .fail:
            return Response(status: .internalServerError, body: ResponseBody(byteBuffer: ByteBuffer(string: "{\"error\":\"down\"}")))
        case .slow(let pause):
            try await Task.sleep(for: pause)
        case .answer, .gated:
            break
        }
        guard streaming else {
            state.withLock { $0.producedLast = true }
            return Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: Self.whole(tokens.joined(), dialect: dialect)))
            )
        }
        let gated = behaviour == .gated
        let gate = self.gate.stream
        let contentType = dialect == .openai ? "text/event-stream" : "application/x-ndjson"
        return Response(status: .ok, headers: [.contentType: contentType], body: ResponseBody { writer in
            var iterator = gate.makeAsyncIterator()
            for (index, token) in tokens.enumerated() {
                if index == tokens.count - 1 { self.state.withLock { $0.producedLast = true } }
                try await writer.write(ByteBuffer(string: Self.piece(token, dialect: dialect)))
                if index == 0, gated { _ = await iterator.next() }
                try await Task.sleep(for: delay)
            }
            try await writer.write(ByteBuffer(string: Self.end(dialect)))
            try await writer.finish(nil)
        })
    }

    static func quoted(_ text: String) -> String {
        String(decoding: try! JSONEncoder().encode(text), as: UTF8.self)
    }

    static func whole(_ text: String, dialect: Dialect) -> String {
        switch dialect {
        case .ollamaChat: "{\"model\":\"fake\",\"message\":{\"role\":\"assistant\",\"content\":\(quoted(text))},\"done\":true}"
        case .ollamaGenerate: "{\"model\":\"fake\",\"response\":\(quoted(text)),\"done\":true}"
        case .openai: "{\"id\":\"x\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\(quoted(text))}}]}"
        }
    }

    static func piece(_ token: String, dialect: Dialect) -> String {
        switch dialect {
        case .ollamaChat: "{\"message\":{\"role\":\"assistant\",\"content\":\(quoted(token))},\"done\":false}\n"
        case .ollamaGenerate: "{\"response\":\(quoted(token)),\"done\":false}\n"
        case .openai: "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\(quoted(token))}}]}\n\n"
        }
    }

    static func end(_ dialect: Dialect) -> String {
        switch dialect {
        case .ollamaChat: "{\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done\":true}\n"
        case .ollamaGenerate: "{\"response\":\"\",\"done\":true}\n"
        case .openai: "data: [DONE]\n\n"
        }
    }
}
