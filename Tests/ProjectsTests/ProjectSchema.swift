import Foundation
import Logging
import PostgresNIO
@testable import Projects
import ServiceKit
import TestSupport

/// A projects schema of a test's own, migrated, with a repository on it, dropped afterwards: for tests of the
/// repository's SQL (plans, clean-ups) below the HTTP API. The client connects as the service's does, with
/// `search_path` set to the schema, so the prepared statements' unqualified tables resolve there.
enum ProjectSchema {
    static func with(
        _ tag: String, _ body: @escaping @Sendable (PostgresClient, String, ProjectPostgresRepository) async throws -> Void
    ) async throws {
        let schema = "projects_test_" + UUID().uuidString.prefix(8).lowercased()
        do {
            try await TestDatabase.with(searchPath: schema) { client in
                let logger = TestEnvironment.logger(tag)
                try await MigrationRunner(schema: schema, migrations: ProjectMigrations.all).run(on: client, logger: logger)
                try await body(client, schema, try ProjectPostgresRepository(client: client, schema: schema, logger: logger))
            }
        } catch {
            try? await TestDatabase.dropSchema(schema)
            throw error
        }
        try await TestDatabase.dropSchema(schema)
    }
}
