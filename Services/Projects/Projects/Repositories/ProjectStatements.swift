import Contracts
import Foundation
import PostgresNIO
import ServiceKit

/// The statements of the requests that run most — a page of the list, a project by id, the claim/release
/// transaction's lock, read and writes, a claim by id — as prepared statements: each pooled connection prepares them
/// once (postgres-nio keeps them by name per connection) and then only binds and executes. Unprepared, Postgres parsed
/// and planned each one per request; for the list page that was three quarters of its time (pgbench on the same
/// server: 1.31 ms per page unprepared, 0.33 ms prepared).
///
/// A prepared statement's text is fixed, so the tables are named without their schema: the service's Postgres client
/// connects with `search_path` set to its schema (`ServiceDependencies(searchPath:)`), which is also what lets tests
/// run each in a schema of their own. The rarer statements (insert, delete, collaborators, seeding) stay plain queries
/// with the schema spelled out.
enum ProjectStatements {
    /// The columns `ProjectPostgresRepository.decodeProjects` reads, for the project aliased `p`: its row, its
    /// collaborators in the order they were added, and the claim that holds its current fencing token (aliased `k`).
    static let projectColumns = """
        p.id, p.name, p.description, p.owner_id, p.status, p.version, p.created_at, p.updated_at, p.fencing_token,
        ARRAY(SELECT c.user_id FROM collaborators c WHERE c.project_id = p.id ORDER BY c.added_at, c.user_id),
        k.id, k.user_id, k.ttl_seconds, k.expires_at
        """

    /// The project in a row of `projectColumns`, read column by column (`PostgresColumns`: a 14-tuple through
    /// `row.decode` looked each column's type up at run time).
    static func project(in row: PostgresRow) throws -> ProjectAggregate {
        var columns = PostgresColumns(row)
        let id = try columns.next(UUID.self)
        let name = try columns.next(String.self)
        let description = try columns.next(String.self)
        let owner = try columns.next(UUID.self)
        let statusText = try columns.next(String.self)
        let version = try columns.next(Int.self)
        let created = try columns.next(Date.self)
        let updated = try columns.next(Date.self)
        let fence = try columns.next(Int64.self)
        let collaborators = try columns.next([UUID].self)
        let claimId = try columns.next(UUID?.self)
        let claimUser = try columns.next(UUID?.self)
        let ttl = try columns.next(Int?.self)
        let expires = try columns.next(Date?.self)
        guard let status = ProjectStatus(rawValue: statusText) else {
            throw AppError(.internal, "project \(id) has status '\(statusText)' in the database")
        }
        var latestClaim: ProjectClaim?
        if let claimId, let claimUser, let ttl, let expires {
            latestClaim = ProjectClaim(
                id: claimId, projectId: ProjectID(id), holder: UserID(claimUser), fencingToken: fence, ttlSeconds: ttl, expiresAt: expires
            )
        }
        return ProjectAggregate(
            id: ProjectID(id), name: ProjectName(stored: name), description: ProjectDescription(stored: description),
            ownerId: UserID(owner), collaborators: collaborators.map(UserID.init), status: status, version: version,
            createdAt: created, updatedAt: updated, fencingToken: fence, latestClaim: latestClaim
        )
    }

    /// One project by id, with its collaborators and current claim.
    struct ProjectByID: PostgresPreparedStatement {
        static let sql = """
            SELECT \(projectColumns)
            FROM projects p
            LEFT JOIN claims k ON k.project_id = p.id AND k.fencing_token = p.fencing_token
            WHERE p.id = $1
            """
        typealias Row = ProjectAggregate

        var id: UUID

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 1)
            bindings.append(id)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row { try ProjectStatements.project(in: row) }
    }

    /// One round trip for a whole page. Each branch is a range scan of an index in page order that stops after
    /// `limit` rows — owned projects on `projects_owner_page`, collaborations on `collaborators_member_page` (which
    /// carries the project's `created_at` for exactly this) — and only the `limit` ids that win are joined to their
    /// rows, collaborators and claim, by primary key. The cost depends on the page size, not on how many projects the
    /// member has; no OFFSET anywhere. A user is never both owner and collaborator, so `UNION ALL` needs no
    /// de-duplication. Without a cursor the page starts before every possible row: one statement either way.
    struct Page: PostgresPreparedStatement {
        static let sql = """
            SELECT \(projectColumns)
            FROM (
                SELECT id, created_at FROM (
                    (SELECT id, created_at FROM projects
                     WHERE owner_id = $1 AND (created_at, id) > ($2, $3)
                     ORDER BY created_at, id LIMIT $4)
                    UNION ALL
                    (SELECT project_id, project_created_at FROM collaborators
                     WHERE user_id = $1 AND (project_created_at, project_id) > ($2, $3)
                     ORDER BY project_created_at, project_id LIMIT $4)
                ) AS candidates
                ORDER BY created_at, id LIMIT $4
            ) AS page
            JOIN projects p ON p.id = page.id
            LEFT JOIN claims k ON k.project_id = p.id AND k.fencing_token = p.fencing_token
            ORDER BY page.created_at, page.id
            """
        typealias Row = ProjectAggregate

        static let beforeEveryDate = Date(timeIntervalSince1970: -62_135_596_800)
        static let beforeEveryId = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))

        var member: UUID
        var afterCreated: Date = beforeEveryDate
        var afterId: UUID = beforeEveryId
        var limit: Int

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 4)
            bindings.append(member)
            bindings.append(afterCreated)
            bindings.append(afterId)
            bindings.append(limit)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row { try ProjectStatements.project(in: row) }
    }

    /// The row lock a change of the project waits for (see `ProjectPostgresRepository.modify`).
    struct LockProject: PostgresPreparedStatement {
        static let sql = "SELECT id FROM projects WHERE id = $1 FOR UPDATE"
        typealias Row = UUID

        var id: UUID

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 1)
            bindings.append(id)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
    }

    /// The project row's columns a change can touch.
    struct UpdateProject: PostgresPreparedStatement {
        static let sql = """
            UPDATE projects
            SET name = $2, description = $3, status = $4, version = $5, updated_at = $6, fencing_token = $7
            WHERE id = $1
            """
        typealias Row = ()

        var id: UUID
        var name: String
        var description: String
        var status: String
        var version: Int
        var updatedAt: Date
        var fencingToken: Int64

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 7)
            bindings.append(id)
            bindings.append(name)
            bindings.append(description)
            bindings.append(status)
            bindings.append(version)
            bindings.append(updatedAt)
            bindings.append(fencingToken)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row {}
    }

    /// A new or renewed claim, with the project's fence raised to its token (a renewal leaves it where it is); a new
    /// tenure also deletes the project's claim records that expired before `cutoff`. One statement for all three.
    struct SaveClaim: PostgresPreparedStatement {
        static let sql = """
            WITH fenced AS (
                UPDATE projects SET fencing_token = $4 WHERE id = $2 AND fencing_token <> $4
            ), expired AS (
                DELETE FROM claims WHERE project_id = $2 AND expires_at < $7 AND id <> $1
            )
            INSERT INTO claims (id, project_id, user_id, fencing_token, ttl_seconds, expires_at)
            VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (id) DO UPDATE SET ttl_seconds = EXCLUDED.ttl_seconds, expires_at = EXCLUDED.expires_at
            """
        typealias Row = ()

        var id: UUID
        var projectId: UUID
        var holder: UUID
        var fencingToken: Int64
        var ttlSeconds: Int
        var expiresAt: Date
        var cutoff: Date

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 7)
            bindings.append(id)
            bindings.append(projectId)
            bindings.append(holder)
            bindings.append(fencingToken)
            bindings.append(ttlSeconds)
            bindings.append(expiresAt)
            bindings.append(cutoff)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row {}
    }

    /// A claim by its id (the claim token a client holds).
    struct ClaimByID: PostgresPreparedStatement {
        static let sql = "SELECT id, project_id, user_id, fencing_token, ttl_seconds, expires_at FROM claims WHERE id = $1"
        typealias Row = (UUID, UUID, UUID, Int64, Int, Date)

        var id: UUID

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 1)
            bindings.append(id)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
    }

    /// A claim's new expiry (renewal).
    struct ExtendClaim: PostgresPreparedStatement {
        static let sql = "UPDATE claims SET expires_at = $2 WHERE id = $1"
        typealias Row = ()

        var id: UUID
        var expiresAt: Date

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 2)
            bindings.append(id)
            bindings.append(expiresAt)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row {}
    }
}
