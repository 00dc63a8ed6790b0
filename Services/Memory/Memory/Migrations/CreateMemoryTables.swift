import Logging
import PostgresNIO
import ServiceKit

/// The embeddings (the truth the in-process index is built from) and, per user, the dimension fixed by the first
/// vector and the number stored, which a write locks to enforce both across replicas.
struct CreateMemoryTables: DatabaseMigration {
    let version = 1
    let name = "create embedding owners, embeddings, revision sequence"

    func apply(on connection: PostgresConnection, schema: String, logger: Logger) async throws {
        let statements: [PostgresQuery] = [
            """
            CREATE TABLE \(unescaped: schema).embedding_owners (
                user_id uuid PRIMARY KEY,
                dimension integer NOT NULL CHECK (dimension BETWEEN 1 AND 4096),
                vector_count integer NOT NULL DEFAULT 0 CHECK (vector_count >= 0)
            )
            """,
            // Every write takes the next revision, so a replica applying events out of order keeps the newest.
            "CREATE SEQUENCE \(unescaped: schema).embedding_revisions",
            """
            CREATE TABLE \(unescaped: schema).embeddings (
                user_id uuid NOT NULL REFERENCES \(unescaped: schema).embedding_owners(user_id) ON DELETE CASCADE,
                id uuid NOT NULL,
                dimension integer NOT NULL CHECK (dimension BETWEEN 1 AND 4096),
                vector bytea NOT NULL CHECK (octet_length(vector) = 4 * dimension),
                metadata jsonb,
                revision bigint NOT NULL,
                updated_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (user_id, id)
            )
            """,
        ]
        for statement in statements {
            try await connection.query(statement, logger: logger)
        }
    }
}
