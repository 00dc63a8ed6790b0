import Foundation
import PostgresNIO

/// The statements every authenticated request runs, as prepared statements: each pooled connection prepares them
/// once (postgres-nio keeps them by name per connection) and then only binds and executes, so Postgres no longer
/// parses and plans them per request. The rest of `AuthRepository` is rare enough to stay plain queries.
enum AuthStatements {
    /// A user by id (`GET /me`, profiles).
    struct UserByID: PostgresPreparedStatement {
        static let sql = "SELECT id, email, display_name, password_hash, created_at FROM auth.users WHERE id = $1"
        typealias Row = (UUID, String, String, String, Date)

        var id: UUID

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 1)
            bindings.append(id)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
    }

    /// Whether access token `jti` was revoked, and whether its session is gone (terminated, expired, never existed).
    struct AccessRevocation: PostgresPreparedStatement {
        static let sql = """
            SELECT
              EXISTS (SELECT 1 FROM auth.revoked_tokens WHERE jti = $1),
              NOT EXISTS (SELECT 1 FROM auth.sessions WHERE id = $2 AND revoked_at IS NULL AND expires_at > $3)
            """
        typealias Row = (Bool, Bool)

        var jti: UUID
        var sessionID: UUID
        var now: Date

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 3)
            bindings.append(jti)
            bindings.append(sessionID)
            bindings.append(now)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
    }
}

extension UserRecord {
    /// The columns every user query selects, in `AuthStatements.UserByID.sql`'s order.
    init(row: AuthStatements.UserByID.Row) {
        self.init(id: row.0, email: row.1, displayName: row.2, passwordHash: row.3, createdAt: row.4)
    }
}
