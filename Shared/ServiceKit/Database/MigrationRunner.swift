import Logging
import PostgresNIO

/// Applies a service's migrations to its own schema and records them in `<schema>.schema_migrations`.
/// Safe to run on every start and from several replicas at once: a transaction-scoped advisory lock per schema
/// serialises runners, and applied versions are skipped.
public struct MigrationRunner: Sendable {
    public let schema: String
    public let migrations: [any DatabaseMigration]

    public init(schema: String, migrations: [any DatabaseMigration]) throws(ConfigError) {
        guard SQLIdentifier.isValid(schema) else {
            throw ConfigError("schema", "must be a lowercase SQL identifier (got '\(schema)').")
        }
        let versions = migrations.map(\.version)
        guard versions == versions.sorted(), Set(versions).count == versions.count else {
            throw ConfigError("migrations", "of schema \(schema) must have unique, increasing versions (got \(versions)).")
        }
        self.schema = schema
        self.migrations = migrations
    }

    /// Returns the versions applied by this call (empty when the schema was already current).
    @discardableResult
    public func run(on client: PostgresClient, logger: Logger) async throws -> [Int] {
        try await client.withTransaction(logger: logger) { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(hashtext(\(schema)))", logger: logger)
            try await connection.query("CREATE SCHEMA IF NOT EXISTS \(unescaped: schema)", logger: logger)
            try await connection.query(
                """
                CREATE TABLE IF NOT EXISTS \(unescaped: schema).schema_migrations (
                    version integer PRIMARY KEY,
                    name text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """,
                logger: logger
            )
            var applied = Set<Int>()
            let rows = try await connection.query("SELECT version FROM \(unescaped: schema).schema_migrations", logger: logger)
            for try await version in rows.decode(Int.self) { applied.insert(version) }

            var newlyApplied: [Int] = []
            for migration in migrations where !applied.contains(migration.version) {
                logger.info("applying migration", metadata: ["schema": "\(schema)", "version": "\(migration.version)", "name": "\(migration.name)"])
                try await migration.apply(on: connection, schema: schema, logger: logger)
                try await connection.query(
                    "INSERT INTO \(unescaped: schema).schema_migrations (version, name) VALUES (\(migration.version), \(migration.name))",
                    logger: logger
                )
                newlyApplied.append(migration.version)
            }
            return newlyApplied
        }
    }
}

/// Schema and table names cannot be bind parameters; only names matching this rule are ever spliced into SQL.
public enum SQLIdentifier {
    public static func isValid(_ name: String) -> Bool {
        guard let first = name.utf8.first, name.utf8.count <= 63 else { return false }
        let isLowerOrUnderscore: (UInt8) -> Bool = { ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x5F }
        return isLowerOrUnderscore(first) && name.utf8.allSatisfy { isLowerOrUnderscore($0) || ($0 >= 0x30 && $0 <= 0x39) }
    }
}
