import Foundation
import TestSupport

/// A fleet of the built services for the command line to talk to, stopped however `body` ends.
enum CLIFleet {
    static let services = ["auth", "projects", "learning", "memory", "gateway"]

    static func run(services: [String] = services, _ body: (CLI) async throws -> Void) async throws {
        // The suites log in many users from one address; rate limiting has tests of its own.
        let wide = "100000/60/100000"
        let fleet = try Fleet(services: services, gatewayEnvironment: [
            "RATE_LIMIT_USER": wide, "RATE_LIMIT_IP": wide, "RATE_LIMIT_CREDENTIALS": wide, "RATE_LIMIT_FAILED_AUTH": wide,
        ])
        do {
            try await fleet.start()
            try await body(CLI(gatewayURL: fleet.gatewayURL, directory: try TestEnvironment.temporaryDirectory("cli")))
        } catch {
            await fleet.stop()
            throw error
        }
        await fleet.stop()
    }
}
