import ArgumentParser
import Contracts
import DevMentorClient

struct Refresh: AsyncParsableCommand, JSONOutputCommand {
    static let configuration = CommandConfiguration(
        abstract: "Trade the stored refresh token for new tokens and store them."
    )

    @ParentCommand var root: DevMentor
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let store = TokenStore.fromEnvironment()
        let request = RefreshRequest(refreshToken: try store.load().refreshToken)
        let token = try await root.withClient { try await $0.refreshToken(request) }
        // The old refresh token is spent now; keeping it would make the next refresh revoke the whole session.
        try store.save(token)
        try Output.emit(token, output) { "New tokens stored in \(store.path); the access token lasts \($0.expiresIn) s." }
    }
}
