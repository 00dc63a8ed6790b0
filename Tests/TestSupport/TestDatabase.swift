import Logging
import PostgresNIO

/// A Postgres client of the test database for what the services do not do themselves: dropping a test's schema,
/// looking at its tables.
public enum TestDatabase {
    /// - Parameter searchPath: the schema unqualified names resolve to (what a service's own client is given).
    public static func with<T: Sendable>(
        searchPath: String? = nil, _ body: @escaping @Sendable (PostgresClient) async throws -> T
    ) async throws -> T {
        // Quiet: leasing a connection before `run()` has begun is fine (the lease waits), yet PostgresNIO warns.
        var quiet = Logger(label: "tests.postgres")
        quiet.logLevel = .error
        let client = try PostgresClient(url: TestEnvironment.databaseURL, searchPath: searchPath, logger: quiet)
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                await client.run()
                return nil
            }
            defer { group.cancelAll() }
            return try await body(client)
        }
    }

    public static func dropSchema(_ schema: String) async throws {
        try await with { client in
            _ = try await client.query("DROP SCHEMA IF EXISTS \(unescaped: schema) CASCADE", logger: TestEnvironment.logger("tests.postgres"))
        }
    }
}
