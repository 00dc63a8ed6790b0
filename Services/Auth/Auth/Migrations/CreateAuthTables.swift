import Logging
import PostgresNIO
import ServiceKit

/// Users, sessions (a session is one refresh-token family), refresh tokens and revoked access-token ids.
struct CreateAuthTables: DatabaseMigration {
    let version = 1
    let name = "create users, sessions, refresh_tokens, revoked_tokens"

    func apply(on connection: PostgresConnection, schema: String, logger: Logger) async throws {
        let statements: [PostgresQuery] = [
            """
            CREATE TABLE \(unescaped: schema).users (
                id uuid PRIMARY KEY,
                email text NOT NULL,
                email_normalized text NOT NULL UNIQUE,
                display_name text NOT NULL,
                password_hash text NOT NULL,
                created_at timestamptz NOT NULL
            )
            """,
            """
            CREATE TABLE \(unescaped: schema).sessions (
                id uuid PRIMARY KEY,
                user_id uuid NOT NULL REFERENCES \(unescaped: schema).users(id) ON DELETE CASCADE,
                created_at timestamptz NOT NULL,
                expires_at timestamptz NOT NULL,
                revoked_at timestamptz,
                revoked_reason text
            )
            """,
            "CREATE INDEX sessions_user_id ON \(unescaped: schema).sessions (user_id)",
            """
            CREATE TABLE \(unescaped: schema).refresh_tokens (
                token_hash bytea PRIMARY KEY,
                session_id uuid NOT NULL REFERENCES \(unescaped: schema).sessions(id) ON DELETE CASCADE,
                issued_at timestamptz NOT NULL,
                expires_at timestamptz NOT NULL,
                spent_at timestamptz,
                revoked_at timestamptz
            )
            """,
            "CREATE INDEX refresh_tokens_session_id ON \(unescaped: schema).refresh_tokens (session_id)",
            """
            CREATE TABLE \(unescaped: schema).revoked_tokens (
                jti uuid PRIMARY KEY,
                user_id uuid NOT NULL,
                expires_at timestamptz NOT NULL
            )
            """,
        ]
        for statement in statements {
            try await connection.query(statement, logger: logger)
        }
    }
}
