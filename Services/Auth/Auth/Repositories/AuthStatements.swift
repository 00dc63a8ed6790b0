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

    /// What every authenticated request asks, in one statement: whether access token `jti` was revoked, whether its
    /// session is gone (terminated, expired, never existed), and the caller's user row (NULLs when there is none),
    /// so `GET /me` needs no second statement.
    struct AccessCheck: PostgresPreparedStatement {
        static let sql = """
            SELECT
              EXISTS (SELECT 1 FROM auth.revoked_tokens WHERE jti = $1),
              NOT EXISTS (SELECT 1 FROM auth.sessions WHERE id = $2 AND revoked_at IS NULL AND expires_at > $3),
              u.id, u.email, u.display_name, u.password_hash, u.created_at
            FROM (SELECT 1) AS one LEFT JOIN auth.users u ON u.id = $4
            """
        typealias Row = (Bool, Bool, UUID?, String?, String?, String?, Date?)

        var jti: UUID
        var sessionID: UUID
        var now: Date
        var userID: UUID

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 4)
            bindings.append(jti)
            bindings.append(sessionID)
            bindings.append(now)
            bindings.append(userID)
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
