import ArgumentParser
import Contracts
import DevMentorClient
import Foundation

struct ProjectsShow: AsyncParsableCommand, JSONOutputCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one project with its lock.")

    @ParentCommand var root: DevMentor
    @OptionGroup var output: OutputOptions

    @Argument(help: "The project's id.", transform: ArgumentParsing.uuid)
    var id: UUID

    func run() async throws {
        let session = try Session.load()
        let me = await session.userId
        let project = try await root.withClient { client in try await session.run(client) { try await client.findById(id, caller: $0) } }
        try Output.emit(project, output) { ProjectText.details($0, me: me) }
    }
}
