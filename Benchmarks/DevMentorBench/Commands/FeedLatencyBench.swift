import ArgumentParser
import AsyncHTTPClient
import Contracts
import Coordination
import Foundation
import HTTPTypes
import HummingbirdWSClient
import NIOCore
import Redis

/// `feed-latency`: event publish → a client of the gateway's event feed (issue 12: "publish → browser < 50 ms p99").
/// One client connects to `GET /api/v1/ws` (WebSocket) or `GET /api/v1/events` (SSE) as the bench user; this process
/// then publishes events visible to that user on `events:memory` (a stream no service consumes) at a steady rate,
/// each stamped with the monotonic time just before its XADD; the client subtracts the stamp when the frame arrives.
/// The figure is XADD + the gateway's XREAD wake-up + filtering + encoding + the socket to the client.
struct FeedLatencyBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feed-latency", abstract: "EventPublisher → gateway event feed client (WebSocket or SSE) latency."
    )

    enum Transport: String, ExpressibleByArgument, CaseIterable { case websocket, sse }

    @OptionGroup var redis: RedisOptions

    @Option(help: "The gateway.")
    var gatewayURL = "http://127.0.0.1:28080"

    @Option(help: "An access token of the bench user (the events are published for it).")
    var token: String

    @Option(help: "websocket or sse.")
    var transport: Transport = .websocket

    @Option(help: "Events per second.")
    var rate = 200

    @Option(help: "Seconds of publishing.")
    var duration: Double = 5

    @Option(help: "Seconds to wait after the last publish for the stragglers.")
    var drainTimeout: Double = 10

    func validate() throws {
        guard (1...10_000).contains(rate) else { throw ValidationError("--rate must be 1...10000") }
        guard duration > 0, duration <= 120 else { throw ValidationError("--duration must be in (0, 120]") }
    }

    func run() async throws {
        let logger = DevMentorBench.logger("feed-latency")
        let userId = try Self.subject(of: token)
        let client = try redis.makeClient(logger: logger)
        let total = Int(Double(rate) * duration)
        let received = SampleSink(capacity: total)
        let origin = MonotonicClock.nanoseconds()
        let runId = UUID().lowercasedString
        let connected = AsyncStream.makeStream(of: Void.self)

        let record: @Sendable (EventEnvelope) -> Void = { envelope in
            guard envelope.subject == runId, case .object(let fields) = envelope.data, case .number(let sent)? = fields["sentNs"] else { return }
            received.record((MonotonicClock.nanoseconds() - origin) &- UInt64(sent))
        }
        let (gatewayURL, token, transport) = (self.gatewayURL, self.token, self.transport)
        let listening = Task {
            defer { connected.continuation.finish() }
            switch transport {
            case .websocket: try await Self.listenWebSocket(gatewayURL: gatewayURL, token: token, connected: connected.continuation, record: record)
            case .sse: try await Self.listenSSE(gatewayURL: gatewayURL, token: token, connected: connected.continuation, record: record)
            }
        }
        var isConnected = false
        for await _ in connected.stream {
            isConnected = true
            break
        }
        guard isConnected else {
            try await listening.value
            throw ValidationError("the \(transport.rawValue) client never connected")
        }

        let publisher = EventPublisher(redis: client, logger: logger)
        var failed = 0
        let start = MonotonicClock.nanoseconds()
        for index in 0..<total {
            // Absolute schedule: event i goes out at start + i/rate, so a late one does not shift the rest.
            let due = start + UInt64(Double(index) / Double(rate) * 1e9)
            let now = MonotonicClock.nanoseconds()
            if now < due { try? await Task.sleep(for: .nanoseconds(Int64(due - now))) }
            let stamp = MonotonicClock.nanoseconds() - origin
            let envelope = EventEnvelope(
                type: "bench.feed", source: ServiceName.memory.rawValue, occurredAt: EventEnvelope.now(), subject: runId, actorId: userId,
                data: .object(["sentNs": .number(Double(stamp)), "audience": .array([.string(userId.lowercasedString)])])
            )
            do { _ = try await publisher.publish(envelope) } catch { failed += 1 }
        }
        let deadline = MonotonicClock.nanoseconds() + MonotonicClock.nanoseconds(seconds: drainTimeout)
        while received.count < total - failed, MonotonicClock.nanoseconds() < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        listening.cancel()
        _ = try? await listening.value
        await client.shutdown()

        let samples = received.all
        var result = BenchResult(
            id: "feed.\(transport.rawValue)", label: "publish → \(transport == .websocket ? "WebSocket" : "SSE") client",
            count: samples.count, seconds: duration, unit: "events/s",
            latency: LatencySummary(nanoseconds: samples), errors: total - samples.count,
            parameters: ["rate": "\(rate)", "duration": "\(duration)", "transport": transport.rawValue, "published": "\(total - failed)"]
        )
        if failed > 0 { result.note = "\(failed) events failed to publish" }
        try result.emit()
    }

    private static func listenWebSocket(gatewayURL: String, token: String, connected: AsyncStream<Void>.Continuation, record: @escaping @Sendable (EventEnvelope) -> Void) async throws {
        let url = gatewayURL.replacingOccurrences(of: "http://", with: "ws://").replacingOccurrences(of: "https://", with: "wss://") + "/api/v1/ws"
        var configuration = WebSocketClientConfiguration()
        configuration.additionalHeaders = [.authorization: "Bearer \(token)"]
        try await WebSocketClient.connect(url: url, configuration: configuration, logger: DevMentorBench.logger("feed-ws")) { inbound, _, _ in
            for try await message in inbound.messages(maxSize: 1 << 20) {
                guard case .text(let text) = message,
                      let frame = try? JSONCoding.makeDecoder().decode(FeedServerMessage.self, from: Data(text.utf8))
                else { continue }
                if frame.type == .connected { connected.yield() }
                if let event = frame.event { record(event) }
            }
        }
    }

    private static func listenSSE(gatewayURL: String, token: String, connected: AsyncStream<Void>.Continuation, record: @escaping @Sendable (EventEnvelope) -> Void) async throws {
        var request = HTTPClientRequest(url: gatewayURL + "/api/v1/events")
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        guard response.status == .ok else { throw ValidationError("GET /api/v1/events answered \(response.status.code)") }
        var buffer = ""
        for try await chunk in response.body {
            buffer += String(buffer: chunk)
            while let end = buffer.range(of: "\n\n") {
                let frame = buffer[..<end.lowerBound]
                buffer.removeSubrange(..<end.upperBound)
                if frame.hasPrefix(": connected") { connected.yield() }
                for line in frame.split(separator: "\n") where line.hasPrefix("data: ") {
                    if let envelope = try? JSONCoding.makeDecoder().decode(EventEnvelope.self, from: Data(line.dropFirst(6).utf8)) { record(envelope) }
                }
            }
        }
    }

    /// The `sub` of a JWT (the bench made the token; nothing is verified here).
    static func subject(of token: String) throws -> UUID {
        let parts = token.split(separator: ".")
        guard parts.count == 3 else { throw ValidationError("--token is not a JWT") }
        var payload = parts[1].replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while payload.count % 4 != 0 { payload += "=" }
        guard let data = Data(base64Encoded: payload),
              let claims = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let sub = claims["sub"] as? String, let id = UUID(uuidString: sub)
        else { throw ValidationError("--token has no UUID sub") }
        return id
    }
}
