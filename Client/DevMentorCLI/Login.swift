import ArgumentParser
import Contracts
import DevMentorClient

struct Login: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Log in, store the tokens for the other commands and print them."
    )

    @ParentCommand var root: DevMentor

    @Option(help: "The account's email address.")
    var email: String

    @Option(help: "The account's password.")
    var password: String

    func run() async throws {
        let request = LoginRequest(email: email, password: password)
        let token = try await root.withClient { try await $0.authenticate(request) }
        try TokenStore.fromEnvironment().save(token)
        try Output.json(token)
    }
}
