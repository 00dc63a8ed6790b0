import ArgumentParser
import Contracts
import DevMentorClient
import Foundation

/// `devmentor`: the fleet's command line, a thin shell over `DevMentorClient` (docs/cli.md).
@main
struct DevMentor: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "devmentor",
        abstract: "Talk to the DevMentor fleet through its gateway.",
        discussion: """
            Log in once (`devmentor login`); the other commands use the stored tokens and renew them when they expire.
            Every command takes --json for scripts. Exit status: 0 done, 1 refused (the error names the API's code),
            2 not logged in, 3 the fleet is unavailable (retry later), 64 bad command line, 130 interrupted.
            """,
        subcommands: [
            Register.self, Login.self, Me.self, Refresh.self, Logout.self,
            ProjectsCommand.self, Analyze.self, Chat.self, LearnCommand.self, MemoryCommand.self, Events.self,
            Health.self, APIReferenceCommand.self,
        ]
    )

    @Option(help: "The gateway's base URL; $DEVMENTOR_URL sets the default.")
    var url: String = ProcessInfo.processInfo.environment["DEVMENTOR_URL"] ?? "http://127.0.0.1:8080"

    @Option(help: "Seconds one request may take.")
    var timeout: Int = 30

    /// Runs `body` with a client for `--url` that fails fast when nothing listens there. `readTimeout` is for
    /// streams that may stay silent longer than `--timeout` between two pieces.
    func withClient<T>(readTimeout: Duration? = nil, _ body: (DevMentorClient) async throws -> T) async throws -> T {
        try await DevMentorClient.withDedicatedHTTPClient(
            baseURL: url, requestTimeout: .seconds(max(timeout, 1)), readTimeout: readTimeout, body
        )
    }

    /// ArgumentParser's own `main`, except that the fleet's errors print as `error: CODE — sentence` with the exit
    /// statuses of `ExitStatus`, and as the API's error body on stdout under `--json`.
    static func main() async {
        let command: any ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            exit(withError: error)
        }
        do {
            var command = command
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            Output.fail(error, json: (command as? any JSONOutputCommand)?.output.json ?? false)
        }
    }
}
