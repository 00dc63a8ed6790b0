import ArgumentParser
import Contracts
import DevMentorClient
import Foundation

struct ProjectsRemoveCollaborator: AsyncParsableCommand, JSONOutputCommand {
    static let configuration = CommandConfiguration(commandName: "remove-collaborator", abstract: "Remove a collaborator from a project you own.")

    @ParentCommand var root: DevMentor
    @OptionGroup var output: OutputOptions

    @Argument(help: "The project's id.", transform: ArgumentParsing.uuid)
    var id: UUID

    @Argument(help: "The collaborator's user id.", transform: ArgumentParsing.uuid)
    var user: UUID

    func run() async throws {
        let session = try Session.load()
        try await root.withClient { client in try await session.run(client) { try await client.removeCollaborator(id, userId: user, caller: $0) } }
        let result: [String: JSONValue] = ["projectId": .string(id.lowercasedString), "userId": .string(user.lowercasedString), "removed": .bool(true)]
        try Output.emit(result, output) { _ in "User \(Format.id(user)) no longer collaborates on project \(Format.id(id))." }
    }
}
