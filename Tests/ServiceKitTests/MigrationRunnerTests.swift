import Foundation
import Logging
import PostgresNIO
import ServiceKit
import Testing
import TestSupport

@Suite("Migrations: versioned, transactional, idempotent, safe under concurrent starts")
struct MigrationRunnerTests {
    struct CreateWidgets: DatabaseMigration {
        let version = 1
        let name = "create widgets"
        func apply(on connection: PostgresConnection, schema: String, logger: Logger) async throws {
            try await connection.query("CREATE TABLE \(unescaped: schema).widgets (id int PRIMARY KEY)", logger: logger)
        }
    }

    struct AddColour: DatabaseMigration {
        let version = 2
        let name = "add colour"
        func apply(on connection: PostgresConnection, schema: String, logger: Logger) async throws {
            try await connection.query("ALTER TABLE \(unescaped: schema).widgets ADD COLUMN colour text", logger: logger)
        }
    }

    struct Broken: DatabaseMigration {
        let version = 3
        let name = "broken"
        func apply(on connection: PostgresConnection, schema: String, logger: Logger) async throws {
            try await connection.query("CREATE TABLE \(unescaped: schema).half_done (id int)", logger: logger)
            try await connection.query("THIS IS NOT SQL", logger: logger)
        }
    }

    static func withDatabase(_ body: (PostgresClient, String, Logger) async throws -> Void) async throws {
        let logger = TestEnvironment.logger("migrations")
        let client = try PostgresClient(url: TestEnvironment.databaseURL, logger: logger)
        let schema = "test_" + UUID().uuidString.prefix(8).lowercased()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            try await body(client, schema, logger)
            try await client.query("DROP SCHEMA IF EXISTS \(unescaped: schema) CASCADE", logger: logger)
        }
    }

    static func tables(in schema: String, client: PostgresClient, logger: Logger) async throws -> Set<String> {
        let rows = try await client.query("SELECT table_name::text FROM information_schema.tables WHERE table_schema = \(schema)", logger: logger)
        var names = Set<String>()
        for try await name in rows.decode(String.self) { names.insert(name) }
        return names
    }

    @Test func appliedTwiceChangesNothingTheSecondTime() async throws {
        try await Self.withDatabase { client, schema, logger in
            let runner = try MigrationRunner(schema: schema, migrations: [CreateWidgets(), AddColour()])
            #expect(try await runner.run(on: client, logger: logger) == [1, 2])
            #expect(try await runner.run(on: client, logger: logger) == [])
            #expect(try await Self.tables(in: schema, client: client, logger: logger) == ["widgets", "schema_migrations"])
        }
    }

    @Test func newMigrationsApplyOnTopOfOldOnes() async throws {
        try await Self.withDatabase { client, schema, logger in
            let first = try await MigrationRunner(schema: schema, migrations: [CreateWidgets()]).run(on: client, logger: logger)
            let second = try await MigrationRunner(schema: schema, migrations: [CreateWidgets(), AddColour()]).run(on: client, logger: logger)
            #expect(first == [1])
            #expect(second == [2])
        }
    }

    @Test func aFailingMigrationLeavesNothingBehind() async throws {
        try await Self.withDatabase { client, schema, logger in
            let runner = try MigrationRunner(schema: schema, migrations: [CreateWidgets(), Broken()])
            await #expect(throws: (any Error).self) { try await runner.run(on: client, logger: logger) }
            // The whole run is one transaction: not even the schema remains.
            #expect(try await Self.tables(in: schema, client: client, logger: logger).isEmpty)
        }
    }

    @Test func concurrentRunnersApplyEachMigrationOnce() async throws {
        try await Self.withDatabase { client, schema, logger in
            let runner = try MigrationRunner(schema: schema, migrations: [CreateWidgets(), AddColour()])
            let applied = try await withThrowingTaskGroup(of: [Int].self) { group in
                for _ in 0..<5 { group.addTask { try await runner.run(on: client, logger: logger) } }
                return try await group.reduce(into: [Int]()) { $0 += $1 }
            }
            #expect(applied.sorted() == [1, 2])
        }
    }

    @Test func unsafeSchemaNamesAndUnorderedVersionsAreRefused() {
        #expect(throws: ConfigError.self) { try MigrationRunner(schema: "auth; DROP TABLE x", migrations: []) }
        #expect(throws: ConfigError.self) { try MigrationRunner(schema: "Auth", migrations: []) }
        #expect(throws: ConfigError.self) { try MigrationRunner(schema: "ok", migrations: [AddColour(), CreateWidgets()]) }
    }
}
