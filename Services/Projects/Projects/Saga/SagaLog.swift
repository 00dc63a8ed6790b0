import Contracts
import Foundation
import Logging
import PostgresNIO
import ServiceKit

/// The saga log on Postgres: one row per saga, one per step, updated as the saga moves, so `GET /sagas/{id}` and a
/// restarted service both see exactly how far a saga got.
struct SagaLog: Sendable {
    let client: PostgresClient
    let schema: String
    let logger: Logger

    init(client: PostgresClient, schema: String, logger: Logger) throws(ConfigError) {
        guard SQLIdentifier.isValid(schema) else {
            throw ConfigError("schema", "must be a lowercase SQL identifier (got '\(schema)').")
        }
        self.client = client
        self.schema = schema
        self.logger = logger
    }

    /// A saga that was still running when it was last touched, with what it had done.
    struct Unfinished: Sendable {
        var id: UUID
        var userId: UUID
        var projectId: UUID?
        var steps: [String: SagaStepStatus]
    }

    /// Starts a saga with every step pending, in one transaction.
    func start(_ id: UUID, name: String, userId: UUID, steps: [String], now: Date) async throws {
        try await client.withTransaction(logger: logger) { connection in
            try await connection.query(
                """
                INSERT INTO \(unescaped: schema).sagas (id, name, user_id, status, created_at, updated_at)
                VALUES (\(id), \(name), \(userId), \(SagaStatus.running.rawValue), \(now), \(now))
                """,
                logger: logger
            )
            for (position, step) in steps.enumerated() {
                try await connection.query(
                    """
                    INSERT INTO \(unescaped: schema).saga_steps (saga_id, position, name, status)
                    VALUES (\(id), \(position), \(step), \(SagaStepStatus.pending.rawValue))
                    """,
                    logger: logger
                )
            }
        }
    }

    /// Moves one step to `status`. Timestamps and error are only set when given (a step keeps its `startedAt` when it
    /// finishes); `projectId` records what the step created, for compensation after a restart.
    func step(
        _ saga: UUID, _ step: String, _ status: SagaStepStatus, startedAt: Date? = nil, finishedAt: Date? = nil,
        error: String? = nil, projectId: UUID? = nil
    ) async throws {
        try await client.query(
            """
            WITH saga AS (
                UPDATE \(unescaped: schema).sagas SET updated_at = now(), project_id = COALESCE(\(projectId), project_id)
                WHERE id = \(saga)
            )
            UPDATE \(unescaped: schema).saga_steps
            SET status = \(status.rawValue), started_at = COALESCE(\(startedAt), started_at),
                finished_at = COALESCE(\(finishedAt), finished_at), error = COALESCE(\(error), error)
            WHERE saga_id = \(saga) AND name = \(step)
            """,
            logger: logger
        )
    }

    func finish(_ saga: UUID, _ status: SagaStatus) async throws {
        try await client.query(
            "UPDATE \(unescaped: schema).sagas SET status = \(status.rawValue), updated_at = now() WHERE id = \(saga)",
            logger: logger
        )
    }

    /// The saga `id` when `userId` started it; another user's saga reads as missing.
    func find(_ id: UUID, startedBy userId: UUID) async throws -> Saga? {
        let rows = try await client.query(
            """
            SELECT s.name, s.status, st.name, st.status, st.started_at, st.finished_at, st.error
            FROM \(unescaped: schema).sagas s JOIN \(unescaped: schema).saga_steps st ON st.saga_id = s.id
            WHERE s.id = \(id) AND s.user_id = \(userId)
            ORDER BY st.position
            """,
            logger: logger
        )
        var saga: Saga?
        for try await (name, status, stepName, stepStatus, started, finished, error) in rows.decode(
            (String, String, String, String, Date?, Date?, String?).self
        ) {
            guard let status = SagaStatus(rawValue: status), let stepStatus = SagaStepStatus(rawValue: stepStatus) else {
                throw AppError(.internal, "saga \(id) has an unknown status in the database")
            }
            if saga == nil { saga = Saga(id: id, name: name, status: status, steps: []) }
            saga?.steps.append(Saga.Step(name: stepName, status: stepStatus, startedAt: started, finishedAt: finished, error: error))
        }
        return saga
    }

    /// Takes over the sagas still `running` that nobody touched since `cutoff` — their process stopped half-way —
    /// and returns them. Taking over touches them, so two replicas starting at once do not both take the same one.
    func takeOverUnfinished(untouchedSince cutoff: Date) async throws -> [Unfinished] {
        let rows = try await client.query(
            """
            WITH taken AS (
                UPDATE \(unescaped: schema).sagas SET updated_at = now()
                WHERE status = \(SagaStatus.running.rawValue) AND updated_at < \(cutoff)
                RETURNING id, user_id, project_id
            )
            SELECT t.id, t.user_id, t.project_id, st.name, st.status
            FROM taken t JOIN \(unescaped: schema).saga_steps st ON st.saga_id = t.id
            ORDER BY t.id, st.position
            """,
            logger: logger
        )
        var sagas: [Unfinished] = []
        for try await (id, userId, projectId, step, status) in rows.decode((UUID, UUID, UUID?, String, String).self) {
            if sagas.last?.id != id { sagas.append(Unfinished(id: id, userId: userId, projectId: projectId, steps: [:])) }
            sagas[sagas.count - 1].steps[step] = SagaStepStatus(rawValue: status)
        }
        return sagas
    }
}
