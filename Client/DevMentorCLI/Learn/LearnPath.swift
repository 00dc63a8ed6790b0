import ArgumentParser
import Contracts
import DevMentorClient

struct LearnPath: AsyncParsableCommand, JSONOutputCommand {
    static let configuration = CommandConfiguration(commandName: "path", abstract: "Show your learning path: each module's status and progress.")

    @ParentCommand var root: DevMentor
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let session = try Session.load()
        let path = try await root.withClient { client in try await session.run(client) { try await client.getPath(caller: $0) } }
        try Output.emit(path, output) { path in
            Format.table(
                ["MODULE", "STATUS", "PROGRESS", "ID"],
                path.modules.map { [$0.title, $0.status.rawValue, "\($0.progress)%", Format.id($0.id)] }
            )
        }
    }
}
