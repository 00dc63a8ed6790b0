import ArgumentParser
import DevMentorClient

struct Me: AsyncParsableCommand, JSONOutputCommand {
    static let configuration = CommandConfiguration(abstract: "Show the logged-in user.")

    @ParentCommand var root: DevMentor
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let session = try Session.load()
        let user = try await root.withClient { client in try await session.run(client) { try await client.currentUser($0) } }
        try Output.emit(user, output) { user in
            "\(user.displayName) <\(user.email)>\nid     \(Format.id(user.id))\nroles  \(user.roles.joined(separator: ", "))"
        }
    }
}
