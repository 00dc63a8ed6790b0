import Contracts
import Foundation
import Testing
import TestSupport

/// The built `devmentor` executable run as a user would: against a fleet's gateway, with that user's token file,
/// its stdout and stderr kept apart.
struct CLI: Sendable {
    let gatewayURL: String
    let directory: String

    var executable: String { TestEnvironment.binaryDirectory + "/devmentor" }

    /// One logged-in user of the command line: a home folder and token file of their own.
    struct User: Sendable {
        let name: String
        let email: String
        let home: String
        var tokenFile: String { home + "/token.json" }
    }

    struct Result: Sendable, CustomStringConvertible {
        let status: Int32?
        let stdout: String
        let stderr: String

        func json<T: Decodable>(_ type: T.Type = T.self) throws -> T {
            try JSONCoding.makeDecoder().decode(type, from: Data(stdout.utf8))
        }

        var description: String { "status \(status.map(String.init) ?? "none (killed)")\nstdout: \(stdout)\nstderr: \(stderr)" }
    }

    static let password = "cli-test-password"

    /// Registers and logs in a new user through the command line itself.
    func signUp(_ name: String) async throws -> User {
        let home = try TestEnvironment.temporaryDirectory("cli-\(name.lowercased())")
        let user = User(name: name, email: TestEnvironment.uniqueEmail(name.lowercased()), home: home)
        let registered = try await run(["register", "--email", user.email, "--password", Self.password, "--name", name], as: user)
        try #require(registered.status == 0, "register: \(registered)")
        let login = try await run(["login", "--email", user.email, "--password", Self.password], as: user)
        try #require(login.status == 0, "login: \(login)")
        return user
    }

    /// The id of `user`, as `devmentor me --json` says.
    func id(of user: User) async throws -> UUID {
        let me = try await run(["me", "--json"], as: user)
        return try me.json(Contracts.User.self).id
    }

    /// Runs `arguments` to the end (killed after `limit`), with `input` as standard input.
    func run(
        _ arguments: [String], as user: User?, input: String? = nil, environment: [String: String] = [:], within limit: Duration = .seconds(60)
    ) async throws -> Result {
        let process = try await start(arguments, as: user, input: input, environment: environment)
        let status = await process.waitForExit(within: limit)
        return Result(status: status, stdout: process.log, stderr: process.errorLog)
    }

    /// Starts `arguments` and returns the running process (for `events`, which runs until it is told to stop).
    func start(_ arguments: [String], as user: User?, input: String? = nil, environment: [String: String] = [:]) async throws -> ManagedProcess {
        let run = directory + "/run-" + UUID().uuidString.prefix(8).lowercased()
        var inputFile: String?
        if let input {
            inputFile = run + ".in"
            try input.write(toFile: run + ".in", atomically: true, encoding: .utf8)
        }
        let home = user?.home ?? directory
        var variables = ["DEVMENTOR_URL": gatewayURL, "HOME": home, "DEVMENTOR_TOKEN_FILE": home + "/token.json", "TZ": "UTC"]
        variables.merge(environment) { _, new in new }
        let process = ManagedProcess(
            executable: executable, arguments: arguments, environment: variables, logFile: run + ".out", errorFile: run + ".err",
            inputFile: inputFile
        )
        try await process.start()
        return process
    }
}
