import ArgumentParser
import Contracts
import DevMentorClient
import Foundation

/// `devmentor events`: follows the gateway's feed, printing each event as it happens. A dropped connection is
/// resumed with `Last-Event-ID`, so nothing is missed or printed twice; Ctrl-C ends it with status 0.
struct Events: AsyncParsableCommand, JSONOutputCommand {
    static let configuration = CommandConfiguration(
        abstract: "Follow your event feed: project changes, claims, analyses, quiz results…",
        discussion: "With --json each event is one line: {\"id\": stream entry id, \"event\": type, \"data\": the envelope}."
    )

    @ParentCommand var root: DevMentor
    @OptionGroup var output: OutputOptions

    @Option(name: .customLong("last-event-id"), help: "Resume after this event id (the `id` of an event printed before).")
    var lastEventID: String?

    @Option(name: .customLong("type"), help: "Print only events of this type (repeatable), e.g. project.claimed.")
    var types: [String] = []

    @Option(help: "Stop after this many printed events.")
    var count: Int?

    /// The feed heartbeats every 15 s by default; a read timeout well above that tells a dead connection from a quiet one.
    static let readTimeout: Duration = .seconds(75)

    func validate() throws {
        if let count, count < 1 { throw ValidationError("--count must be at least 1.") }
    }

    func run() async throws {
        let session = try Session.load()
        let filter = Set(types)
        let json = output.json
        let limit = count
        let start = lastEventID
        do {
            try await root.withClient(readTimeout: Self.readTimeout) { client in
                try await Interrupt.run {
                    try await Self.follow(client: client, session: session, from: start, filter: filter, limit: limit, json: json)
                }
            }
        } catch is Interrupted {
            // Ctrl-C is how a follower ends.
        }
    }

    /// Reads the feed until `limit` events were printed, reconnecting after failures that retrying can cure.
    private static func follow(
        client: DevMentorClient, session: Session, from start: String?, filter: Set<String>, limit: Int?, json: Bool
    ) async throws {
        var lastId = start
        var printed = 0
        var failures = 0
        var connected = false
        while true {
            do {
                let events = try await session.run(client) { try await client.events(lastEventID: lastId, caller: $0) }
                if failures == 0 {
                    Terminal.note("Following the event feed\(lastId.map { " after \($0)" } ?? ""); Ctrl-C ends.")
                } else {
                    Terminal.note("Reconnected.")
                }
                failures = 0
                connected = true
                for try await event in events {
                    lastId = event.id
                    guard filter.isEmpty || filter.contains(event.type) else { continue }
                    try print(event, json: json)
                    printed += 1
                    if let limit, printed >= limit { return }
                }
                // The gateway ended the feed (it is shutting down); the next connection resumes after `lastId`.
            } catch let error as AppError {
                // A refusal (401 after a failed renewal, 403…) will not pass by itself, and a feed that never
                // opened is more likely a wrong --url than a blip.
                guard connected, ExitStatus.of(error) == ExitStatus.unavailable else { throw error }
            }
            failures += 1
            let wait = Duration.milliseconds(min(250 << min(failures, 6), 15_000))
            Terminal.note("The feed was interrupted; reconnecting in \(wait.components.seconds) s\(lastId.map { " from \($0)" } ?? "").")
            try await Task.sleep(for: wait)
        }
    }

    private static func print(_ event: FeedEvent, json: Bool) throws {
        if json {
            try Output.jsonLine(Line(id: event.id, event: event.type, data: event.envelope))
            return
        }
        let envelope = event.envelope
        var text = "\(Format.time(envelope.occurredAt))  \(event.type)  \(envelope.subject)"
        if let actor = envelope.actorId { text += "  by \(Format.id(actor))" }
        if envelope.data != .null, envelope.data != .object([:]) { text += "  \(Format.json(envelope.data))" }
        Output.line(text)
    }

    /// One event under --json, named like the SSE frame's fields.
    private struct Line: Encodable {
        var id: String
        var event: String
        var data: EventEnvelope
    }
}
