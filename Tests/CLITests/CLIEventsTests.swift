import Contracts
import Foundation
import Testing
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

@Suite("CLI: events — the feed followed, resumed and ended with Ctrl-C", .serialized)
struct CLIEventsTests {
    /// One line of `events --json`.
    struct Line: Decodable {
        var id: String
        var event: String
        var data: EventEnvelope
    }

    @Test func eventsPrintsWhatOtherCommandsCauseResumesAndEndsOnCtrlC() async throws {
        try await CLIFleet.run { cli in
            let ada = try await cli.signUp("Ada")
            let follower = try await cli.start(["events", "--json", "--count", "2"], as: ada)
            try await Self.waitUntilFollowing(follower)

            // Another command's actions: creating and claiming a project.
            let project = try await cli.run(["projects", "create", "Watched", "--json"], as: ada).json(Project.self)
            #expect(try await cli.run(["projects", "claim", project.id.lowercasedString], as: ada).status == 0)

            let status = await follower.waitForExit(within: .seconds(60))
            #expect(status == 0, "stdout: \(follower.log)\nstderr: \(follower.errorLog)")
            let lines = try follower.log.split(separator: "\n").map { try JSONCoding.makeDecoder().decode(Line.self, from: Data($0.utf8)) }
            #expect(lines.map(\.event) == ["project.created", "project.claimed"])
            #expect(lines.allSatisfy { $0.data.subject == project.id.lowercasedString })
            #expect(lines.first?.data.type == "project.created")

            // Resumed after the first: the second again, at once, and nothing before it.
            let first = try #require(lines.first)
            let resumed = try await cli.run(["events", "--json", "--count", "1", "--last-event-id", first.id], as: ada)
            #expect(resumed.status == 0, "\(resumed)")
            let again = try JSONCoding.makeDecoder().decode(Line.self, from: Data(resumed.stdout.utf8))
            #expect(again.event == "project.claimed")
            #expect(again.id == lines.last?.id)

            // In words, filtered by type; Ctrl-C ends the follower cleanly with status 0.
            let watcher = try await cli.start(["events", "--type", "project.released"], as: ada)
            try await Self.waitUntilFollowing(watcher)
            #expect(try await cli.run(["projects", "release", project.id.lowercasedString], as: ada).status == 0)
            try await Self.wait(for: "project.released", in: watcher)
            watcher.send(signal: SIGINT)
            let ended = await watcher.waitForExit(within: .seconds(30))
            #expect(ended == 0, "stdout: \(watcher.log)\nstderr: \(watcher.errorLog)")
            #expect(watcher.log.contains("project.released  \(project.id.lowercasedString)"))
            #expect(!watcher.log.contains("project.created"))

            // Someone else's feed does not carry Ada's events.
            let bob = try await cli.signUp("Bob")
            let bobs = try await cli.start(["events", "--json"], as: bob)
            try await Self.waitUntilFollowing(bobs)
            _ = try await cli.run(["projects", "create", "Private", "--json"], as: ada)
            let mine = try await cli.run(["projects", "create", "Bob's", "--json"], as: bob).json(Project.self)
            try await Self.wait(for: mine.id.lowercasedString, in: bobs)
            bobs.send(signal: SIGINT)
            #expect(await bobs.waitForExit(within: .seconds(30)) == 0)
            #expect(!bobs.log.contains("Private"))
        }
    }

    /// Until the follower says it is connected: from then on every event is delivered to it.
    static func waitUntilFollowing(_ process: ManagedProcess) async throws {
        try await wait(for: "Following the event feed", in: process, stderr: true)
    }

    static func wait(for text: String, in process: ManagedProcess, stderr: Bool = false, within limit: Duration = .seconds(60)) async throws {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if (stderr ? process.errorLog : process.log).contains(text) { return }
            if !process.isRunning { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("no \"\(text)\" from the process; stdout: \(process.log)\nstderr: \(process.errorLog)")
        await process.stop()
        throw CancellationError()
    }
}
