import ArgumentParser
import Contracts
import DevMentorClient
import Foundation

/// `devmentor`: the fleet's command line, a thin shell over `DevMentorClient`.
@main
struct DevMentor: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "devmentor",
        abstract: "Talk to the DevMentor fleet through its gateway.",
        subcommands: [Register.self, Login.self, Me.self, Refresh.self, Logout.self, Health.self]
    )

    @Option(help: "The gateway's base URL; $DEVMENTOR_URL sets the default.")
    var url: String = ProcessInfo.processInfo.environment["DEVMENTOR_URL"] ?? "http://127.0.0.1:8080"

    /// Runs `body` with a client for `--url` that fails fast when nothing listens there.
    func withClient<T>(_ body: (DevMentorClient) async throws -> T) async throws -> T {
        try await DevMentorClient.withDedicatedHTTPClient(baseURL: url, body)
    }

    /// ArgumentParser's own `main`, except that the fleet's errors print as `error: CODE: message`, the same
    /// code a script would see in the JSON error body.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as AppError {
            Output.fail(error)
        } catch {
            exit(withError: error)
        }
    }
}
