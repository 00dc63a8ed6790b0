import ArgumentParser
import Contracts
import DevMentorClient
import Foundation

struct MemoryEmbed: AsyncParsableCommand, JSONOutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "embed", abstract: "Store an embedding (a vector with optional metadata) under an id."
    )

    @ParentCommand var root: DevMentor
    @OptionGroup var output: OutputOptions

    @Argument(help: "The embedding's id (a UUID).", transform: ArgumentParsing.uuid)
    var id: UUID

    @Option(help: "The vector, e.g. 0.1,0.7,0.2; every embedding of yours has the length of your first.", transform: ArgumentParsing.numbers)
    var vector: [Double]

    @Option(help: "Metadata as JSON, returned with search results.")
    var metadata: String?

    func run() async throws {
        let session = try Session.load()
        let parsed = try metadata.map { try JSONArgument.parse($0, name: "--metadata") }
        let request = StoreEmbeddingRequest(vector: vector, metadata: parsed)
        try await root.withClient { client in try await session.run(client) { try await client.storeEmbedding(id: id, request, caller: $0) } }
        let result: [String: JSONValue] = ["stored": .bool(true), "id": .string(id.lowercasedString), "dimension": .number(Double(vector.count))]
        try Output.emit(result, output) { _ in "Stored embedding \(Format.id(id)) (\(vector.count) dimensions)." }
    }
}
