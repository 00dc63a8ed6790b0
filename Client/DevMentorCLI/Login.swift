import ArgumentParser
import Contracts
import DevMentorClient

struct Login: AsyncParsableCommand, JSONOutputCommand {
    static let configuration = CommandConfiguration(
        abstract: "Log in and store the tokens for the other commands."
    )

    @ParentCommand var root: DevMentor
    @OptionGroup var output: OutputOptions

    @Option(help: "The account's email address.")
    var email: String

    @Option(help: "The account's password.")
    var password: String

    func run() async throws {
        let request = LoginRequest(email: email, password: password)
        let store = TokenStore.fromEnvironment()
        let token = try await root.withClient { try await $0.authenticate(request) }
        try store.save(token)
        // The tokens themselves go to the terminal only when asked for: they are credentials.
        try Output.emit(token, output) { token in
            "Logged in as \(email) (session \(Format.id(token.sessionId))); the tokens are in \(store.path)."
        }
    }
}
