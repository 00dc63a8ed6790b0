import ArgumentParser
import Contracts
import DevMentorClient

struct MemorySearch: AsyncParsableCommand, JSONOutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "search", abstract: "Find your embeddings most similar to a vector (cosine similarity, best first)."
    )

    @ParentCommand var root: DevMentor
    @OptionGroup var output: OutputOptions

    @Option(help: "The query vector, e.g. 0.1,0.7,0.2.", transform: ArgumentParsing.numbers)
    var vector: [Double]

    @Option(help: "Most matches to return (1–100).")
    var limit: Int = MemoryRules.defaultSearchLimit

    func run() async throws {
        let session = try Session.load()
        let request = SimilaritySearchRequest(vector: vector, limit: limit)
        let matches = try await root.withClient { client in try await session.run(client) { try await client.findSimilar(request, caller: $0) } }
        try Output.emit(matches, output) { matches in
            guard !matches.isEmpty else { return "No embeddings yet; store some with `devmentor memory embed`." }
            return Format.table(
                ["SCORE", "ID", "METADATA"],
                matches.map { [String(format: "%.4f", $0.score), Format.id($0.id), $0.metadata == .null ? "" : Format.json($0.metadata)] }
            )
        }
    }
}
