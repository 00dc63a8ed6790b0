import ArgumentParser
import DevMentorClient

struct Me: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the logged-in user.")

    @ParentCommand var root: DevMentor

    func run() async throws {
        let caller = try TokenStore.fromEnvironment().load().caller
        let user = try await root.withClient { try await $0.currentUser(caller) }
        try Output.json(user)
    }
}
