import ArgumentParser
import Contracts
import DevMentorClient

struct Logout: AsyncParsableCommand, JSONOutputCommand {
    static let configuration = CommandConfiguration(
        abstract: "Revoke the stored refresh and access tokens and delete them."
    )

    @ParentCommand var root: DevMentor
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let store = TokenStore.fromEnvironment()
        let stored = try store.load()
        try await root.withClient { client in
            do {
                try await Self.revoke(stored, with: client)
            } catch let error as AppError where error.code == .tokenExpired {
                // The access token lapsed but the refresh token may still open the session: trade it for a fresh
                // pair, which can then be revoked, instead of leaving a live refresh token behind.
                let renewed = try await client.refreshToken(RefreshRequest(refreshToken: stored.refreshToken))
                try await Self.revoke(renewed, with: client)
            } catch let error as AppError where error.code == .tokenRevoked {
                // Someone already ended this session; nothing stored is of use any more.
            }
        }
        try store.delete()
        // Claims remembered for this login mean nothing to the next one.
        try ClaimStore.beside(store).deleteAll()
        let result: [String: JSONValue] = ["loggedOut": .bool(true), "sessionId": .string(stored.sessionId.lowercasedString)]
        try Output.emit(result, output) { _ in "Logged out; session \(Format.id(stored.sessionId)) is revoked." }
    }

    /// The refresh token first: revoking the access token first would leave no credential to authorize the second call.
    private static func revoke(_ token: AuthToken, with client: DevMentorClient) async throws {
        let caller = token.caller
        try await client.revokeToken(token.refreshToken, caller: caller)
        try await client.revokeToken(token.accessToken, caller: caller)
    }
}
