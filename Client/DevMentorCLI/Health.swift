import ArgumentParser
import DevMentorClient

struct Health: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the gateway's health report.")

    @ParentCommand var root: DevMentor

    func run() async throws {
        let report = try await root.withClient { try await $0.health() }
        try Output.json(report)
    }
}
