import ArgumentParser
import Contracts
import DevMentorClient

struct MemoryGet: AsyncParsableCommand, JSONOutputCommand {
    static let configuration = CommandConfiguration(commandName: "get", abstract: "Print a key's value (NOT_FOUND once it expired or was deleted).")

    @ParentCommand var root: DevMentor
    @OptionGroup var output: OutputOptions

    @Argument(help: "The key.")
    var key: String

    func run() async throws {
        let session = try Session.load()
        let entry = try await root.withClient { client in try await session.run(client) { try await client.retrieve(key: key, caller: $0) } }
        if !output.json, let expiresAt = entry.expiresAt { Terminal.note("(expires \(Format.time(expiresAt)))") }
        try Output.emit(entry, output) { entry in
            if case .string(let text) = entry.data { return text }
            return Format.prettyJSON(entry.data)
        }
    }
}
