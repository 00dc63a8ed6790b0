import Contracts
import Foundation

extension DevMentorClient {
    /// `GET /api/v1/events`: the domain events visible to `caller`, as they happen.
    ///
    /// With `lastEventID` the feed resumes right after that entry (every event since, none twice); without it, it
    /// starts with what is published after it connected. Errors answered before the feed opens (401, 503 …) are
    /// thrown here. The stream ends when the gateway ends it (e.g. its graceful shutdown) and throws when the
    /// connection fails; either way resuming with the last `FeedEvent.id` loses nothing. Stopping the iteration
    /// closes the connection.
    ///
    /// The feed sends a heartbeat comment every `EVENTS_HEARTBEAT_SECONDS` (15 s by default); a client whose read
    /// timeout is shorter sees the connection fail between events — give it a longer one
    /// (`withDedicatedHTTPClient(readTimeout:)`).
    public func events(lastEventID: String? = nil, caller: Caller) async throws -> AsyncThrowingStream<FeedEvent, any Error> {
        var headers: [(String, String)] = []
        if let lastEventID { headers.append(("Last-Event-ID", lastEventID)) }
        let body = try await transport.openStream(.GET, "/api/v1/events", headers: headers, caller: caller)
        let url = transport.baseURL + "/api/v1/events"
        let (events, continuation) = AsyncThrowingStream.makeStream(of: FeedEvent.self)
        // Owned by the stream: its termination (the consumer stopped, or was cancelled) cancels this task and with it
        // the connection.
        let reader = Task {
            var parser = ServerSentEventParser()
            let decoder = JSONCoding.makeDecoder()
            do {
                for try await chunk in body {
                    for frame in try parser.consume(chunk.readableBytesView) {
                        guard let id = frame.id else { continue }
                        guard let envelope = try? decoder.decode(EventEnvelope.self, from: Data(frame.data.utf8)) else {
                            throw AppError(.internal, "GET \(url) sent event \(id) whose data is not an event envelope.")
                        }
                        continuation.yield(FeedEvent(id: id, type: frame.event, envelope: envelope))
                    }
                }
                continuation.finish()
            } catch let error as AppError {
                continuation.finish(throwing: error)
            } catch is CancellationError {
                continuation.finish(throwing: CancellationError())
            } catch let error as ServerSentEventParser.LineTooLong {
                continuation.finish(throwing: AppError(.internal, "GET \(url): \(error)."))
            } catch {
                // The connection failed mid-stream: worth resuming from the last id.
                continuation.finish(throwing: Task.isCancelled ? CancellationError() : AppError(.serviceUnavailable, "GET \(url) was cut off: \(error)"))
            }
        }
        continuation.onTermination = { _ in reader.cancel() }
        return events
    }
}
