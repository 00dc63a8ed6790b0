import ArgumentParser
import Contracts
import DevMentorClient

struct MemoryDelete: AsyncParsableCommand, JSONOutputCommand {
    static let configuration = CommandConfiguration(commandName: "delete", abstract: "Delete a key.")

    @ParentCommand var root: DevMentor
    @OptionGroup var output: OutputOptions

    @Argument(help: "The key.")
    var key: String

    func run() async throws {
        let session = try Session.load()
        try await root.withClient { client in try await session.run(client) { try await client.delete(key: key, caller: $0) } }
        let result: [String: JSONValue] = ["deleted": .bool(true), "key": .string(key)]
        try Output.emit(result, output) { _ in "Deleted \(key)." }
    }
}
