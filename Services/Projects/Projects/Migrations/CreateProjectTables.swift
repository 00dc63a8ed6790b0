import Coordination
import Logging
import PostgresNIO
import ServiceKit

/// Projects, their collaborators, the claims granted on them, and the transactional outbox.
struct CreateProjectTables: DatabaseMigration {
    let version = 1
    let name = "create projects, collaborators, claims, outbox"

    func apply(on connection: PostgresConnection, schema: String, logger: Logger) async throws {
        let statements: [PostgresQuery] = [
            """
            CREATE TABLE \(unescaped: schema).projects (
                id uuid PRIMARY KEY,
                name text NOT NULL,
                description text NOT NULL,
                owner_id uuid NOT NULL,
                status text NOT NULL CHECK (status IN ('active', 'archived')),
                version integer NOT NULL CHECK (version >= 1),
                created_at timestamptz NOT NULL,
                updated_at timestamptz NOT NULL,
                fencing_token bigint NOT NULL DEFAULT 0
            )
            """,
            // An owner's page: one range of this index, in page order.
            "CREATE INDEX projects_owner_page ON \(unescaped: schema).projects (owner_id, created_at, id)",
            """
            CREATE TABLE \(unescaped: schema).collaborators (
                project_id uuid NOT NULL REFERENCES \(unescaped: schema).projects(id) ON DELETE CASCADE,
                user_id uuid NOT NULL,
                project_created_at timestamptz NOT NULL,
                added_at timestamptz NOT NULL DEFAULT clock_timestamp(),
                PRIMARY KEY (project_id, user_id)
            )
            """,
            // A collaborator's page: the project's creation time is copied here (it never changes) so that this is
            // one range in page order too, without visiting every project of the user.
            "CREATE INDEX collaborators_member_page ON \(unescaped: schema).collaborators (user_id, project_created_at, project_id)",
            """
            CREATE TABLE \(unescaped: schema).claims (
                id uuid PRIMARY KEY,
                project_id uuid NOT NULL REFERENCES \(unescaped: schema).projects(id) ON DELETE CASCADE,
                user_id uuid NOT NULL,
                fencing_token bigint NOT NULL,
                ttl_seconds integer NOT NULL CHECK (ttl_seconds > 0),
                granted_at timestamptz NOT NULL DEFAULT now(),
                expires_at timestamptz NOT NULL,
                UNIQUE (project_id, fencing_token)
            )
            """,
        ]
        for statement in statements {
            try await connection.query(statement, logger: logger)
        }
        try await Outbox.createTable(on: connection, schema: schema, logger: logger)
    }
}
