import ArgumentParser
import Contracts
import DevMentorClient
import Foundation

struct ProjectsClaim: AsyncParsableCommand, JSONOutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "claim",
        abstract: "Claim a project for editing (a lock with a time limit).",
        discussion: "The claim is remembered beside the tokens, so `projects release ID` finds it."
    )

    @ParentCommand var root: DevMentor
    @OptionGroup var output: OutputOptions

    @Argument(help: "The project's id.", transform: ArgumentParsing.uuid)
    var id: UUID

    @Option(help: "Seconds the claim lasts (1–3600).")
    var ttl: Int = ProjectRules.defaultClaimTTLSeconds

    func run() async throws {
        let session = try Session.load()
        let claim = try await root.withClient { client in
            try await session.run(client) { try await client.claim(id, ClaimRequest(ttlSeconds: ttl), caller: $0) }
        }
        try ClaimStore.fromEnvironment().remember(claim)
        try Output.emit(claim, output) { claim in
            """
            Claimed project \(Format.id(claim.projectId)) until \(Format.time(claim.expiresAt)) (claim \(Format.id(claim.id)), fencing token \(claim.fencingToken)).
            Release it with: devmentor projects release \(Format.id(claim.projectId))
            """
        }
    }
}
