import Logging
import PostgresNIO
import ServiceKit

/// The saga log: one row per saga, one per step.
struct CreateSagaTables: DatabaseMigration {
    let version = 2
    let name = "create sagas, saga_steps"

    func apply(on connection: PostgresConnection, schema: String, logger: Logger) async throws {
        let statements: [PostgresQuery] = [
            """
            CREATE TABLE \(unescaped: schema).sagas (
                id uuid PRIMARY KEY,
                name text NOT NULL,
                user_id uuid NOT NULL,
                status text NOT NULL CHECK (status IN ('running', 'completed', 'compensated', 'failed')),
                project_id uuid,
                created_at timestamptz NOT NULL,
                updated_at timestamptz NOT NULL
            )
            """,
            // What a restart looks at: the sagas still running, oldest touched first.
            "CREATE INDEX sagas_running ON \(unescaped: schema).sagas (updated_at) WHERE status = 'running'",
            """
            CREATE TABLE \(unescaped: schema).saga_steps (
                saga_id uuid NOT NULL REFERENCES \(unescaped: schema).sagas(id) ON DELETE CASCADE,
                position integer NOT NULL,
                name text NOT NULL,
                status text NOT NULL CHECK (status IN ('pending', 'running', 'completed', 'failed', 'compensated')),
                started_at timestamptz,
                finished_at timestamptz,
                error text,
                PRIMARY KEY (saga_id, position),
                UNIQUE (saga_id, name)
            )
            """,
        ]
        for statement in statements {
            try await connection.query(statement, logger: logger)
        }
    }
}
