import Contracts
import Coordination
import Foundation
import Logging
import PostgresNIO
import ServiceKit

/// `ProjectRepository` on Postgres, in one schema (`projects` unless told otherwise; tests use a schema each).
/// `client` must connect with `search_path` set to that schema (`PostgresClient(url:searchPath:logger:)`): the
/// prepared statements of `ProjectStatements` name their tables without it.
///
/// Public so that benchmarks can seed a large table (`insertGenerated`) and time the list query of a built service.
public struct ProjectPostgresRepository: ProjectRepository {
    public let schema: String
    let client: PostgresClient
    let logger: Logger

    public static let defaultSchema = "projects"

    /// Claim records stay this long after they expired, then go with the next claim of their project.
    static let claimRetention: TimeInterval = 86_400

    public init(client: PostgresClient, schema: String = ProjectPostgresRepository.defaultSchema, logger: Logger) throws(ConfigError) {
        guard SQLIdentifier.isValid(schema) else {
            throw ConfigError("schema", "must be a lowercase SQL identifier (got '\(schema)').")
        }
        self.client = client
        self.schema = schema
        self.logger = logger
    }

    // MARK: ProjectRepository

    func insert(_ project: ProjectAggregate) async throws {
        try await transaction { connection in
            try await insertRow(project, on: connection)
            try await appendEvents(project.events, on: connection)
        }
    }

    func find(_ id: ProjectID) async throws -> ProjectAggregate? {
        try await decodeProjects(client.execute(ProjectStatements.ProjectByID(id: id.rawValue), logger: logger)).first
    }

    func page(for member: UserID, after cursor: ProjectCursor?, limit: Int) async throws -> [ProjectAggregate] {
        try await decodeProjects(client.execute(pageStatement(for: member, after: cursor, limit: limit), logger: logger))
    }

    func modify<Result: Sendable>(_ id: ProjectID, _ change: (inout ProjectAggregate) async throws -> Result) async throws -> Result {
        try await transaction { connection in
            // Lock first, read second, in two statements: a statement that waited for the row lock re-reads only the
            // locked row (READ COMMITTED's recheck), while its joins and subqueries keep the snapshot from before the
            // wait — it would miss the claim or collaborator the previous holder of the lock just committed. The read
            // after the lock is a new statement with a new snapshot, so it sees all of it.
            var exists = false
            for try await _ in try await connection.execute(ProjectStatements.LockProject(id: id.rawValue), logger: logger) { exists = true }
            let read = try await connection.execute(ProjectStatements.ProjectByID(id: id.rawValue), logger: logger)
            guard exists, let before = try await decodeProjects(read).first else {
                throw ProjectAggregate.notFound
            }
            var after = before
            let result = try await change(&after)
            try await save(after, replacing: before, on: connection)
            try await appendEvents(after.events, on: connection)
            return result
        }
    }

    func findClaim(_ id: UUID) async throws -> ProjectClaim? {
        for try await (id, projectId, userId, token, ttl, expiresAt) in try await client.execute(ProjectStatements.ClaimByID(id: id), logger: logger) {
            return ProjectClaim(
                id: id, projectId: ProjectID(projectId), holder: UserID(userId), fencingToken: token, ttlSeconds: ttl, expiresAt: expiresAt
            )
        }
        return nil
    }

    func extendClaim(_ id: UUID, to expiresAt: Date) async throws {
        try await client.execute(ProjectStatements.ExtendClaim(id: id, expiresAt: expiresAt), logger: logger)
    }

    // MARK: Seeding

    /// Creates `count` projects owned by `owner` in one transaction (one multi-row INSERT plus their
    /// `project.created` events in the outbox), refreshes the table's statistics, and returns the ids in list order.
    /// For benchmarks and load tests that need thousands of rows quickly; projects are spaced one second apart, the
    /// newest `now`.
    public func insertGenerated(count: Int, owner: UUID, namePrefix: String = "Project", now: Date = Date()) async throws -> [UUID] {
        precondition(count > 0, "count must be positive")
        let newest = now.wholeSeconds
        let projects = (0..<count).map { index in
            ProjectAggregate.create(
                name: ProjectName(stored: "\(namePrefix) \(index + 1)"), description: .empty, owner: UserID(owner),
                now: newest.addingTimeInterval(TimeInterval(index - count + 1))
            )
        }
        try await transaction { connection in
            try await connection.query(
                """
                INSERT INTO \(unescaped: schema).projects (id, name, description, owner_id, status, version, created_at, updated_at, fencing_token)
                SELECT id, name, '', \(owner), 'active', 1, created_at, created_at, 0
                FROM unnest(\(projects.map(\.id.rawValue))::uuid[], \(projects.map(\.name.value))::text[], \(projects.map(\.createdAt))::timestamptz[])
                    AS generated(id, name, created_at)
                """,
                logger: logger
            )
            try await appendEvents(projects.flatMap(\.events), on: connection)
        }
        // What autovacuum would do after such a load, only now: planned on the statistics of an empty table, the list
        // query would read every row of the owner's instead of the first page of the index.
        try await client.query("ANALYZE \(unescaped: schema).projects", logger: logger)
        return projects.map(\.id.rawValue)
    }

    // MARK: Queries

    /// The page after `cursor` (from the start without one) of `member`'s projects: `ProjectStatements.Page`.
    func pageStatement(for member: UserID, after cursor: ProjectCursor?, limit: Int) -> ProjectStatements.Page {
        var statement = ProjectStatements.Page(member: member.rawValue, limit: limit)
        if let cursor {
            statement.afterCreated = cursor.createdAt
            statement.afterId = cursor.id
        }
        return statement
    }

    private func decodeProjects<Rows: AsyncSequence>(_ rows: Rows) async throws -> [ProjectAggregate] where Rows.Element == ProjectAggregate {
        var projects: [ProjectAggregate] = []
        for try await project in rows { projects.append(project) }
        return projects
    }

    // MARK: Writes

    private func insertRow(_ project: ProjectAggregate, on connection: PostgresConnection) async throws {
        try await connection.query(
            """
            INSERT INTO \(unescaped: schema).projects (id, name, description, owner_id, status, version, created_at, updated_at, fencing_token)
            VALUES (\(project.id.rawValue), \(project.name.value), \(project.description.value), \(project.ownerId.rawValue),
                    \(project.status.rawValue), \(project.version), \(project.createdAt), \(project.updatedAt), \(project.fencingToken))
            """,
            logger: logger
        )
    }

    /// Writes what `modify`'s change did: the row (or its deletion, which takes collaborators and claims with it),
    /// the collaborators added and removed, and the latest claim when it is new or renewed.
    private func save(_ after: ProjectAggregate, replacing before: ProjectAggregate, on connection: PostgresConnection) async throws {
        let id = after.id.rawValue
        if after.isDeleted {
            try await connection.query("DELETE FROM \(unescaped: schema).projects WHERE id = \(id)", logger: logger)
            return
        }
        // A release changes no column of the row (only the outbox hears of it): no UPDATE then. A claim moves only the
        // fence, which `SaveClaim` raises in its own statement: a new tenure is one statement, not two.
        let claimChanged = after.latestClaim.map { $0 != before.latestClaim } ?? false
        if after.rowDiffers(from: before, ignoringFence: claimChanged) {
            try await connection.execute(
                ProjectStatements.UpdateProject(
                    id: id, name: after.name.value, description: after.description.value, status: after.status.rawValue,
                    version: after.version, updatedAt: after.updatedAt, fencingToken: after.fencingToken
                ),
                logger: logger
            )
        }

        let removed = before.collaborators.filter { !after.collaborators.contains($0) }.map(\.rawValue)
        if !removed.isEmpty {
            try await connection.query(
                "DELETE FROM \(unescaped: schema).collaborators WHERE project_id = \(id) AND user_id = ANY(\(removed)::uuid[])",
                logger: logger
            )
        }
        // One statement per user, in order: `added_at` is the transaction-independent clock, so the list order is
        // the order they were added.
        for user in after.collaborators where !before.collaborators.contains(user) {
            try await connection.query(
                """
                INSERT INTO \(unescaped: schema).collaborators (project_id, user_id, project_created_at)
                VALUES (\(id), \(user.rawValue), \(after.createdAt)) ON CONFLICT DO NOTHING
                """,
                logger: logger
            )
        }

        if claimChanged, let claim = after.latestClaim {
            // A new tenure also takes the project's long-expired claim records with it, in the same statement.
            let cutoff = claim.id != before.latestClaim?.id ? Date().addingTimeInterval(-Self.claimRetention) : Date.distantPast
            try await connection.execute(
                ProjectStatements.SaveClaim(
                    id: claim.id, projectId: id, holder: claim.holder.rawValue, fencingToken: claim.fencingToken,
                    ttlSeconds: claim.ttlSeconds, expiresAt: claim.expiresAt, cutoff: cutoff
                ),
                logger: logger
            )
        }
    }

    /// Appends the events to the outbox on the transaction's connection. The relay publishes them to
    /// `events:projects` once the transaction commits, and never if it does not.
    private func appendEvents(_ events: [ProjectDomainEvent], on connection: PostgresConnection) async throws {
        guard !events.isEmpty else { return }
        let traceparent = RequestTrace.current?.traceparent
        let envelopes = try events.map { try $0.envelope(traceparent: traceparent) }
        try await Outbox.append(envelopes, on: connection, schema: schema, logger: logger)
    }

    /// `withTransaction`, with the error thrown inside the transaction handed on as it was (postgres-nio wraps it in
    /// a `PostgresTransactionError`, which would turn a 404 or 409 into a 500).
    private func transaction<Result: Sendable>(_ body: (PostgresConnection) async throws -> Result) async throws -> Result {
        do {
            return try await client.withTransaction(logger: logger) { connection in try await body(connection) }
        } catch let error as PostgresTransactionError {
            if let rollback = error.rollbackError {
                logger.warning("transaction rollback failed", metadata: ["error": "\(String(reflecting: rollback))"])
            }
            throw error.closureError ?? error
        }
    }
}
