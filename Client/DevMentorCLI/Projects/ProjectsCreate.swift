import ArgumentParser
import Contracts
import DevMentorClient

struct ProjectsCreate: AsyncParsableCommand, JSONOutputCommand {
    static let configuration = CommandConfiguration(commandName: "create", abstract: "Create a project you own.")

    @ParentCommand var root: DevMentor
    @OptionGroup var output: OutputOptions

    @Argument(help: "The project's name.")
    var name: String

    @Option(help: "What the project is about.")
    var description: String?

    func run() async throws {
        let session = try Session.load()
        let request = CreateProjectRequest(name: name, description: description)
        let project = try await root.withClient { client in try await session.run(client) { try await client.create(request, caller: $0) } }
        try Output.emit(project, output) { "Created project \(Format.id($0.id)) “\($0.name)” (version \($0.version))." }
    }
}
