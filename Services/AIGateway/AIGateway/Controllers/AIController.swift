import Contracts
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import ServiceKit

/// The routes of docs/api.md's AI gateway section: read the path and body, call `AIGatewayCore`, encode.
struct AIController {
    let core: AIGatewayCore

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("/analyze", use: analyze)
        group.post("/suggestions", use: suggestions)
        group.post("/blackboards", use: createBlackboard)
        group.post("/blackboards/:id/knowledge", use: contribute)
        group.post("/blackboards/:id/run", use: run)
        group.get("/blackboards/:id", use: blackboard)
        group.post("/blackboards/:id/solution", use: solution)
        group.post("/conversations", use: startConversation)
        group.post("/conversations/:id/messages", use: sendMessage)
        group.get("/conversations/:id/stream", use: stream)
        group.get("/providers", use: providers)
    }

    @Sendable func analyze(_ request: Request, context: AppRequestContext) async throws -> JSONBody<CodeAnalysis> {
        let body = try await request.decodeValidated(AnalyzeCodeRequest.self, context: context)
        return JSONBody(try await core.analyzeCode(body, caller: try context.requireCaller()))
    }

    @Sendable func suggestions(_ request: Request, context: AppRequestContext) async throws -> JSONBody<[Suggestion]> {
        let body = try await request.decodeValidated(SuggestionsRequest.self, context: context)
        return JSONBody(try await core.generateSuggestions(body, caller: try context.requireCaller()))
    }

    @Sendable func createBlackboard(_ request: Request, context: AppRequestContext) async throws -> JSONBody<Blackboard> {
        let body = try await request.decodeValidated(CreateBlackboardRequest.self, context: context)
        return JSONBody(try await core.initializeBlackboard(body, caller: try context.requireCaller()), status: .created)
    }

    @Sendable func contribute(_ request: Request, context: AppRequestContext) async throws -> HTTPResponse.Status {
        let id = try context.parameters.uuid("id")
        let body = try await request.decodeValidated(Knowledge.self, context: context)
        try await core.contributeKnowledge(id, body, caller: try context.requireCaller())
        return .accepted
    }

    @Sendable func run(_ request: Request, context: AppRequestContext) async throws -> JSONBody<BlackboardRunResult> {
        JSONBody(try await core.runBlackboard(try context.parameters.uuid("id"), caller: try context.requireCaller()))
    }

    @Sendable func blackboard(_ request: Request, context: AppRequestContext) async throws -> JSONBody<BlackboardDetail> {
        JSONBody(try await core.blackboard(try context.parameters.uuid("id"), caller: try context.requireCaller()))
    }

    @Sendable func solution(_ request: Request, context: AppRequestContext) async throws -> JSONBody<Solution> {
        JSONBody(try await core.synthesizeSolution(try context.parameters.uuid("id"), caller: try context.requireCaller()))
    }

    @Sendable func startConversation(_ request: Request, context: AppRequestContext) async throws -> JSONBody<Conversation> {
        JSONBody(try await core.startConversation(caller: try context.requireCaller()), status: .created)
    }

    @Sendable func sendMessage(_ request: Request, context: AppRequestContext) async throws -> JSONBody<SendMessageResponse> {
        let id = try context.parameters.uuid("id")
        let body = try await request.decodeValidated(SendMessageRequest.self, context: context)
        return JSONBody(try await core.sendMessage(id, body, caller: try context.requireCaller()))
    }

    /// Each event is written as soon as the provider produced it (no buffering here; the gateway relays
    /// `text/event-stream` as it comes).
    @Sendable func stream(_ request: Request, context: AppRequestContext) async throws -> Response {
        let events = try await core.streamResponse(try context.parameters.uuid("id"), caller: try context.requireCaller())
        let logger = context.logger
        let body = ResponseBody { writer in
            do {
                for try await event in events {
                    let data = String(decoding: try SharedCoders.encoder.encode(event), as: UTF8.self)
                    try await writer.write(ByteBuffer(string: ServerSentEvent(event: event.name, data: data).encoded))
                }
            } catch is CancellationError {
            } catch {
                // The head is out already: an error can only end the stream (without its `done`).
                logger.warning("answer stream ended early", metadata: ["error": "\(error)"])
            }
            try await writer.finish(nil)
        }
        return Response(
            status: .ok,
            headers: [.contentType: "text/event-stream", .cacheControl: "no-cache", HTTPField.Name("X-Accel-Buffering")!: "no"],
            body: body
        )
    }

    @Sendable func providers(_ request: Request, context: AppRequestContext) async throws -> JSONBody<[ProviderStatus]> {
        JSONBody(try await core.providers(caller: try context.requireCaller()))
    }
}
