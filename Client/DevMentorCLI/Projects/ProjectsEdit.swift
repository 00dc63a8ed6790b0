import ArgumentParser
import Contracts
import DevMentorClient
import Foundation

/// claim → edit → PATCH with `X-Claim-Token` and `If-Match` → release. The claim is released however the edit
/// ends — saved, unchanged, refused, or interrupted with Ctrl-C — and renewed while the editor stays open.
struct ProjectsEdit: AsyncParsableCommand, JSONOutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: "Claim a project, edit it in $EDITOR (or from --from), save it and release the claim.",
        discussion: """
            The editor shows a header of `name:` and `status:` lines, a blank line, then the description. Only what \
            changed is sent, with the version read after claiming (If-Match): a change made meanwhile by someone who \
            claimed the project after your claim expired is refused as VERSION_CONFLICT or STALE_CLAIM, never \
            overwritten.
            """
    )

    @ParentCommand var root: DevMentor
    @OptionGroup var output: OutputOptions

    @Argument(help: "The project's id.", transform: ArgumentParsing.uuid)
    var id: UUID

    @Option(help: "Read the edited document from this file (`-` for standard input) instead of opening an editor.")
    var from: String?

    @Option(help: "Seconds the claim lasts; it is renewed while the editor is open (1–3600).")
    var ttl: Int = ProjectRules.defaultClaimTTLSeconds

    /// What the edit came to.
    struct Outcome: Codable, Sendable {
        var project: Project
        var changed: Bool
        var released: Bool
    }

    func run() async throws {
        let session = try Session.load()
        let projectId = id
        let claimTTL = ttl
        let source = from
        let outcome = try await root.withClient { client in
            let claim = try await session.run(client) { try await client.claim(projectId, ClaimRequest(ttlSeconds: claimTTL), caller: $0) }
            Terminal.note("Claimed until \(Format.time(claim.expiresAt)) (fencing token \(claim.fencingToken)).")
            let edited: Result<(Project, Bool), any Error>
            do {
                edited = .success(try await Interrupt.run {
                    try await Self.edit(claim, ttl: claimTTL, source: source, session: session, client: client)
                })
            } catch {
                edited = .failure(error)
            }
            // Outside the interrupted scope, so Ctrl-C during the edit does not also cancel the release.
            var released = true
            do {
                try await session.run(client) { try await client.release(projectId, claimToken: claim.id, caller: $0) }
            } catch let error as AppError where error.code == .staleClaim {
                released = false  // already expired or taken over: nothing of ours to release
            } catch {
                released = false
                if case .success = edited { throw error }
                Terminal.note("warning: the claim could not be released (\(error)); it expires by itself.")
            }
            if case .failure = edited { Terminal.note(released ? "Released the claim." : "The claim was no longer held.") }
            var (project, changed) = try edited.get()
            // The project as it is now, without our lock; the update's answer still showed it held.
            if released, let current = try? await session.run(client, { try await client.findById(projectId, caller: $0) }) {
                project = current
            }
            return Outcome(project: project, changed: changed, released: released)
        }
        try Output.emit(outcome, output) { outcome in
            let what = outcome.changed ? "Saved project \(Format.id(outcome.project.id)) as version \(outcome.project.version)" : "No changes"
            return what + (outcome.released ? "; released the claim." : "; the claim had already lapsed.")
        }
    }

    /// Reads the project, gets the edited document and sends what changed; returns the project and whether it changed.
    private static func edit(
        _ claim: ClaimToken, ttl: Int, source: String?, session: Session, client: DevMentorClient
    ) async throws -> (Project, Bool) {
        let project = try await session.run(client) { try await client.findById(claim.projectId, caller: $0) }
        let original = ProjectDocument(project)
        let editor = ProjectEditor(projectId: claim.projectId)
        let text: String
        if let source {
            text = try read(source)
        } else {
            text = try await withRenewal(of: claim, ttl: ttl, session: session, client: client) {
                try await editor.edit(original.text)
            }
        }
        do {
            let document = try ProjectDocument(parsing: text)
            guard let changes = document.changes(from: original) else {
                editor.discard()
                return (project, false)
            }
            let updated = try await session.run(client) {
                try await client.update(claim.projectId, changes, claimToken: claim.id, expectedVersion: project.version, caller: $0)
            }
            editor.discard()
            return (updated, true)
        } catch {
            if source == nil { Terminal.note("Your text is kept in \(editor.path).") }
            throw error
        }
    }

    /// Runs `body` while renewing the claim at half its time to live; a failed renewal is reported and the edit goes
    /// on (the update will then say what happened to the claim).
    private static func withRenewal<T: Sendable>(
        of claim: ClaimToken, ttl: Int, session: Session, client: DevMentorClient, _ body: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await body() }
            group.addTask {
                let interval = Duration.milliseconds(max(ttl * 500, 500))
                do {
                    while true {
                        try await Task.sleep(for: interval)
                        _ = try await session.run(client) { try await client.renewClaim(claim.projectId, claimToken: claim.id, caller: $0) }
                    }
                } catch is CancellationError {
                } catch {
                    Terminal.note("warning: the claim could not be renewed: \(error)")
                }
                return nil
            }
            defer { group.cancelAll() }
            while let result = try await group.next() {
                if let result { return result }
            }
            throw CancellationError()
        }
    }

    private static func read(_ source: String) throws -> String {
        if source == "-" {
            var lines: [String] = []
            while let line = Swift.readLine(strippingNewline: false) { lines.append(line) }
            return lines.joined()
        }
        guard let data = FileManager.default.contents(atPath: source) else { throw CLIFailure("Cannot read \(source).") }
        return String(decoding: data, as: UTF8.self)
    }
}
