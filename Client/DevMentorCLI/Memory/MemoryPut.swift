import ArgumentParser
import Contracts
import DevMentorClient

struct MemoryPut: AsyncParsableCommand, JSONOutputCommand {
    static let configuration = CommandConfiguration(commandName: "put", abstract: "Store a JSON value under a key.")

    @ParentCommand var root: DevMentor
    @OptionGroup var output: OutputOptions

    @Argument(help: "The key.")
    var key: String

    @Argument(help: "The value as JSON (`-` reads standard input), e.g. '{\"theme\":\"dark\"}'.")
    var value: String

    @Flag(help: "Store the value as a JSON string, as typed.")
    var string = false

    @Option(help: "Seconds until the key expires (none: it stays until deleted).")
    var ttl: Int?

    func run() async throws {
        let session = try Session.load()
        let data = try string ? JSONValue.string(value) : JSONArgument.parse(value, name: "The value")
        let request = StoreValueRequest(data: data, ttlSeconds: ttl)
        try await root.withClient { client in try await session.run(client) { try await client.store(key: key, request, caller: $0) } }
        let result: [String: JSONValue] = ["stored": .bool(true), "key": .string(key), "ttlSeconds": ttl.map { .number(Double($0)) } ?? .null]
        try Output.emit(result, output) { _ in "Stored \(key)" + (ttl.map { " for \($0) s." } ?? ".") }
    }
}
