import ArgumentParser
import Contracts
import DevMentorClient
import Foundation

struct ProjectsRelease: AsyncParsableCommand, JSONOutputCommand {
    static let configuration = CommandConfiguration(commandName: "release", abstract: "Release your claim on a project.")

    @ParentCommand var root: DevMentor
    @OptionGroup var output: OutputOptions

    @Argument(help: "The project's id.", transform: ArgumentParsing.uuid)
    var id: UUID

    @Option(help: "The claim's id (default: the one `projects claim` remembered).", transform: ArgumentParsing.uuid)
    var claim: UUID?

    func run() async throws {
        let session = try Session.load()
        let claims = ClaimStore.fromEnvironment()
        guard let claimId = claim ?? claims.claim(of: id)?.id else {
            throw CLIFailure("No claim of project \(Format.id(id)) is remembered here; pass --claim CLAIM_ID.")
        }
        do {
            try await root.withClient { client in
                try await session.run(client) { try await client.release(id, claimToken: claimId, caller: $0) }
            }
        } catch let error as AppError where error.code == .staleClaim {
            // Expired or released elsewhere: nothing left to release, nor to remember.
            try claims.forget(id)
            throw error
        }
        try claims.forget(id)
        let result: [String: JSONValue] = ["released": .bool(true), "projectId": .string(id.lowercasedString), "claimId": .string(claimId.lowercasedString)]
        try Output.emit(result, output) { _ in "Released project \(Format.id(id))." }
    }
}
