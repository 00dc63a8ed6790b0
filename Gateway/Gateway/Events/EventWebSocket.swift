import Contracts
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdWebSocket
import Logging
import NIOCore
import ServiceKit
import Synchronization

/// `GET /api/v1/ws`: the event feed over a WebSocket (docs/console.md). The same events as `GET /api/v1/events`, read
/// by the same `EventFeed` reader, as `FeedServerMessage` JSON text frames; `?lastEventId=` resumes; the client may
/// narrow the feed to projects with `FeedClientMessage`s (`subscribe` / `unsubscribe`).
///
/// The upgrade is decided on a router of its own (Hummingbird asks it only for requests that want an upgrade) through
/// the same `RouteGuard` as every route — bearer token or ticket, revocation, rate limit. When it refuses, the request
/// goes on to the main router, whose guard answers with the API's error body (and counts the failed
/// authentication, once); a plain GET there is told to upgrade.
struct EventWebSocket: Sendable {
    let feed: EventFeed
    let routeGuard: RouteGuard
    let route: RouteDescriptor

    /// Largest client message taken; subscribe/unsubscribe need a few dozen bytes.
    static let maxMessageBytes = 4096

    /// The request context of the upgrade router: the gateway's own context inside (for the guard), and a box that
    /// carries the authenticated caller from the upgrade decision to the connection.
    struct Context: RequestContext, WebSocketRequestContext {
        var coreContext: CoreRequestContextStorage
        let webSocket: WebSocketHandlerReference<Self>
        var app: AppRequestContext
        let admitted: Admitted

        init(source: ApplicationRequestContextSource) {
            coreContext = .init(source: source)
            webSocket = .init()
            app = AppRequestContext(source: source)
            admitted = Admitted()
        }
    }

    final class Admitted: Sendable {
        let caller = Mutex<Caller?>(nil)
    }

    /// The projects one connection is narrowed to (none: every visible event).
    final class Subscriptions: Sendable {
        let projects = Mutex<Set<UUID>>([])
    }

    func makeRouter() -> Router<Context> {
        let router = Router(context: Context.self)
        router.ws(RouterPath(route.path)) { request, context in
            var app = context.app
            app.requestId = request.headers[HTTPField.Name("X-Request-ID")!] ?? UUID.random().lowercasedString
            let response = try await routeGuard.respond(to: request, context: app, route: route, chargingFailures: false) { _, authenticated in
                context.admitted.caller.withLock { $0 = authenticated.caller }
                return Response(status: .ok)
            }
            guard response.status == .ok, context.admitted.caller.withLock({ $0 }) != nil else { return .dontUpgrade }
            return .upgrade([:])
        } onUpgrade: { inbound, outbound, context in
            guard let caller = context.requestContext.admitted.caller.withLock({ $0 }) else { return }
            try await serve(caller: caller, resumeFrom: EventFeed.resumeId(of: context.request), inbound: inbound, outbound: outbound, logger: context.logger)
        }
        return router
    }

    /// The main router's handler of the route: reached only when no upgrade happened with valid credentials.
    static func upgradeRequired(_ request: Request, context: AppRequestContext) throws -> Response {
        throw AppError.validation("Upgrade", "GET /api/v1/ws is a WebSocket: send it as an upgrade (Upgrade: websocket).")
    }

    func serve(caller: Caller, resumeFrom: String?, inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter, logger: Logger) async throws {
        let place: AnyObject & Sendable
        let start: [String]
        do {
            place = try feed.admit()
            start = try await feed.startPositions(resumingAfter: resumeFrom)
        } catch let error as AppError {
            try await outbound.writeTextMessage(Self.text(FeedServerMessage(type: .error, error: ErrorBody(error, requestId: nil).error)))
            try await outbound.close(.unknown(1013), reason: "try again later")
            return
        }
        defer { withExtendedLifetime(place) {} }

        let subscriptions = Subscriptions()
        // One writer: every frame goes through this buffer, from the event reader and from the message reader.
        let (outgoing, continuation) = AsyncStream.makeStream(of: FeedServerMessage.self, bufferingPolicy: .bufferingOldest(1024))
        continuation.yield(FeedServerMessage(type: .connected))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                defer { continuation.finish() }
                for await item in feed.items(for: caller, from: start) {
                    guard case .event(let id, let envelope) = item else { continue }
                    let wanted = subscriptions.projects.withLock { $0 }
                    guard wanted.isEmpty || Self.projectId(of: envelope).map({ wanted.contains($0) }) == true else { continue }
                    // A client that lets 1024 frames pile up is cut off; it resumes from its last id.
                    if case .dropped = continuation.yield(FeedServerMessage(type: .event, id: id, event: envelope)) { return }
                }
            }
            group.addTask {
                defer { continuation.finish() }
                for try await message in inbound.messages(maxSize: Self.maxMessageBytes) {
                    continuation.yield(Self.answer(to: message, subscriptions: subscriptions))
                }
            }
            for await message in outgoing {
                try await outbound.writeTextMessage(Self.text(message))
            }
            group.cancelAll()
        }
    }

    /// The acknowledgement of one client message, or an error frame for one that is not a valid `FeedClientMessage`.
    static func answer(to message: WebSocketMessage, subscriptions: Subscriptions) -> FeedServerMessage {
        let bytes: Data
        switch message {
        case .text(let text): bytes = Data(text.utf8)
        case .binary(let buffer): bytes = Data(buffer.readableBytesView)
        }
        let request: FeedClientMessage
        do {
            request = try SharedCoders.decoder.decode(FeedClientMessage.self, from: bytes)
        } catch {
            let refusal = AppError.validation("type", "Send {\"type\": \"subscribe\"|\"unsubscribe\", \"projectId\": \"<uuid>\"}.")
            return FeedServerMessage(type: .error, error: ErrorBody(refusal, requestId: nil).error)
        }
        let now = subscriptions.projects.withLock { set -> Set<UUID> in
            switch request.type {
            case .subscribe: set.insert(request.projectId)
            case .unsubscribe: set.remove(request.projectId)
            }
            return set
        }
        let ids = now.map(\.lowercasedString).sorted().compactMap(UUID.init(uuidString:))
        return FeedServerMessage(type: request.type == .subscribe ? .subscribed : .unsubscribed, projectId: request.projectId, subscriptions: ids)
    }

    /// The project an event is about: its `data.projectId`, else its subject when that is a UUID.
    static func projectId(of envelope: EventEnvelope) -> UUID? {
        if case .object(let fields) = envelope.data, let id = fields["projectId"]?.stringValue.flatMap(UUID.init(uuidString:)) { return id }
        return envelope.source == ServiceName.projects.rawValue ? UUID(uuidString: envelope.subject) : nil
    }

    static func text(_ message: FeedServerMessage) -> String {
        (try? SharedCoders.encoder.encode(message)).map { String(decoding: $0, as: UTF8.self) } ?? "{\"type\":\"error\"}"
    }
}
