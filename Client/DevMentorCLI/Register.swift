import ArgumentParser
import Contracts
import DevMentorClient

struct Register: AsyncParsableCommand, JSONOutputCommand {
    static let configuration = CommandConfiguration(abstract: "Create an account.")

    @ParentCommand var root: DevMentor
    @OptionGroup var output: OutputOptions

    @Option(help: "The account's email address.")
    var email: String

    @Option(help: "At least 8 characters.")
    var password: String

    @Option(help: "The name shown to other users.")
    var name: String

    func run() async throws {
        let request = RegisterRequest(email: email, password: password, displayName: name)
        let user = try await root.withClient { try await $0.register(request) }
        try Output.emit(user, output) { "Registered \($0.displayName) <\($0.email)> (id \(Format.id($0.id))); now `devmentor login`." }
    }
}
