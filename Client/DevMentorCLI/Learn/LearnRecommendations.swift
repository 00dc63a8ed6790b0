import ArgumentParser
import Contracts
import DevMentorClient

struct LearnRecommendations: AsyncParsableCommand, JSONOutputCommand {
    static let configuration = CommandConfiguration(commandName: "recommendations", abstract: "What to learn next, and why.")

    @ParentCommand var root: DevMentor
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let session = try Session.load()
        let (recommendations, path) = try await root.withClient { client in
            let recommendations = try await session.run(client) { try await client.getRecommendations(caller: $0) }
            // The path names the modules the recommendations point at.
            let path = try await session.run(client) { try await client.getPath(caller: $0) }
            return (recommendations, path)
        }
        try Output.emit(recommendations, output) { recommendations in
            guard !recommendations.isEmpty else { return "Nothing to recommend right now." }
            let titles = Dictionary(path.modules.map { ($0.id, $0.title) }, uniquingKeysWith: { first, _ in first })
            return recommendations.map { item in
                var line = "[\(item.priority.rawValue)] \(titles[item.moduleId] ?? Format.id(item.moduleId)) — \(item.reason)"
                if let quiz = item.quizId { line += "\n    devmentor learn quiz \(Format.id(quiz))" }
                return line
            }.joined(separator: "\n")
        }
    }
}
