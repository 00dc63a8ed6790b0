import ArgumentParser
import Contracts
import DevMentorClient
import Foundation

struct ProjectsAddCollaborator: AsyncParsableCommand, JSONOutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "add-collaborator", abstract: "Let another user see, claim and edit a project you own."
    )

    @ParentCommand var root: DevMentor
    @OptionGroup var output: OutputOptions

    @Argument(help: "The project's id.", transform: ArgumentParsing.uuid)
    var id: UUID

    @Argument(help: "The user's id (theirs from `devmentor me`).", transform: ArgumentParsing.uuid)
    var user: UUID

    func run() async throws {
        let session = try Session.load()
        let request = AddCollaboratorRequest(userId: user)
        try await root.withClient { client in try await session.run(client) { try await client.addCollaborator(id, request, caller: $0) } }
        let result: [String: JSONValue] = ["projectId": .string(id.lowercasedString), "userId": .string(user.lowercasedString), "added": .bool(true)]
        try Output.emit(result, output) { _ in "User \(Format.id(user)) now collaborates on project \(Format.id(id))." }
    }
}
