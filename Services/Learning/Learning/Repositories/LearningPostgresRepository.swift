import Contracts
import Coordination
import Foundation
import Logging
import PostgresNIO
import ServiceKit

/// `LearningRepository` on Postgres, in one schema (`learning` unless told otherwise; tests use a schema each).
public struct LearningPostgresRepository: LearningRepository {
    public static let defaultSchema = "learning"

    public let schema: String
    let client: PostgresClient
    let logger: Logger

    public init(client: PostgresClient, schema: String = LearningPostgresRepository.defaultSchema, logger: Logger) throws(ConfigError) {
        guard SQLIdentifier.isValid(schema) else {
            throw ConfigError("schema", "must be a lowercase SQL identifier (got '\(schema)').")
        }
        self.client = client
        self.schema = schema
        self.logger = logger
    }

    // MARK: Reading

    public func record(of userId: UUID) async throws -> LearnerRecord {
        try await client.withConnection { connection in
            var record = LearnerRecord(userId: userId)
            let progress = try await connection.query(
                "SELECT module_id, progress FROM \(unescaped: schema).progress WHERE user_id = \(userId)", logger: logger
            )
            for try await (moduleId, value) in progress.decode((UUID, Int).self) {
                record.progress[moduleId] = value
            }
            let reviews = try await connection.query(
                """
                SELECT quiz_id, box, due_at, last_passed, last_score, answered_at, attempts
                FROM \(unescaped: schema).reviews WHERE user_id = \(userId)
                """,
                logger: logger
            )
            for try await (quizId, box, dueAt, passed, score, answeredAt, attempts) in reviews.decode((UUID, Int, Date, Bool, Double, Date, Int).self) {
                record.reviews[quizId] = LearnerRecord.Review(
                    quizId: quizId, box: box, dueAt: dueAt, lastPassed: passed, lastScore: score, answeredAt: answeredAt, attempts: attempts
                )
            }
            let analyses = try await connection.query(
                """
                SELECT a.analysis_id, a.occurred_at, f.rule_id, f.count
                FROM \(unescaped: schema).analyses a LEFT JOIN \(unescaped: schema).findings f ON f.user_id = a.user_id
                WHERE a.user_id = \(userId)
                """,
                logger: logger
            )
            for try await (analysisId, occurredAt, ruleId, count) in analyses.decode((UUID, Date, String?, Int?).self) {
                if record.findings == nil {
                    record.findings = LearnerRecord.Findings(analysisId: analysisId, occurredAt: occurredAt, counts: [:])
                }
                if let ruleId, let rule = RuleID(rawValue: ruleId), let count {
                    record.findings?.counts[rule] = count
                }
            }
            let unlocks = try await connection.query(
                """
                SELECT module_id, event_type, project_name, occurred_at
                FROM \(unescaped: schema).practice_unlocks WHERE user_id = \(userId)
                """,
                logger: logger
            )
            for try await (moduleId, type, name, occurredAt) in unlocks.decode((UUID, String, String, Date).self) {
                guard let eventType = EventType(rawValue: type) else { continue }
                record.unlocks[moduleId] = LearnerRecord.PracticeUnlock(
                    moduleId: moduleId, eventType: eventType, projectName: name, occurredAt: occurredAt
                )
            }
            return record
        }
    }

    // MARK: Progress and quizzes

    @discardableResult
    public func updateProgress(
        userId: UUID, moduleId: UUID, progress: Int, allowDecrease: Bool, at: Date
    ) async throws -> (previous: Int?, stored: Int) {
        // One statement: the CTE reads the row as it was before the upsert (same snapshot), the upsert writes.
        let rows = try await client.query(
            """
            WITH previous AS (
                SELECT progress FROM \(unescaped: schema).progress WHERE user_id = \(userId) AND module_id = \(moduleId)
            )
            INSERT INTO \(unescaped: schema).progress AS p (user_id, module_id, progress, updated_at)
            VALUES (\(userId), \(moduleId), \(progress), \(at))
            ON CONFLICT (user_id, module_id) DO UPDATE SET
                progress = CASE WHEN \(allowDecrease) THEN EXCLUDED.progress ELSE GREATEST(p.progress, EXCLUDED.progress) END,
                updated_at = EXCLUDED.updated_at
            RETURNING p.progress, (SELECT progress FROM previous)
            """,
            logger: logger
        )
        for try await (stored, previous) in rows.decode((Int, Int?).self) { return (previous, stored) }
        return (nil, progress)
    }

    public func recordAttempt(
        userId: UUID, quiz: CurriculumQuiz, moduleId: UUID, result: QuizResult, at: Date, schedule: LeitnerSchedule,
        event: @Sendable (Date) throws -> EventEnvelope
    ) async throws -> Date {
        try await transaction { connection in
            let previous = try await connection.query(
                "SELECT box FROM \(unescaped: schema).reviews WHERE user_id = \(userId) AND quiz_id = \(quiz.id) FOR UPDATE",
                logger: logger
            )
            var box = 0
            for try await stored in previous.decode(Int.self) { box = stored }
            let next = schedule.next(from: box, passed: result.passed, answeredAt: at)
            try await connection.query(
                """
                INSERT INTO \(unescaped: schema).quiz_attempts (id, user_id, quiz_id, module_id, correct, total, score, passed, answered_at)
                VALUES (\(UUID.random()), \(userId), \(quiz.id), \(moduleId), \(result.correct), \(result.total), \(result.score), \(result.passed), \(at))
                """,
                logger: logger
            )
            try await connection.query(
                """
                INSERT INTO \(unescaped: schema).reviews AS r (user_id, quiz_id, box, due_at, last_passed, last_score, answered_at, attempts)
                VALUES (\(userId), \(quiz.id), \(next.box), \(next.dueAt), \(result.passed), \(result.score), \(at), 1)
                ON CONFLICT (user_id, quiz_id) DO UPDATE SET
                    box = EXCLUDED.box, due_at = EXCLUDED.due_at, last_passed = EXCLUDED.last_passed,
                    last_score = EXCLUDED.last_score, answered_at = EXCLUDED.answered_at, attempts = r.attempts + 1
                """,
                logger: logger
            )
            if result.passed {
                try await connection.query(
                    """
                    INSERT INTO \(unescaped: schema).progress (user_id, module_id, progress, updated_at)
                    VALUES (\(userId), \(moduleId), 100, \(at))
                    ON CONFLICT (user_id, module_id) DO UPDATE SET progress = 100, updated_at = EXCLUDED.updated_at
                    WHERE \(unescaped: schema).progress.progress < 100
                    """,
                    logger: logger
                )
            }
            try await Outbox.append(try event(next.dueAt), on: connection, schema: schema, logger: logger)
            return next.dueAt
        }
    }

    // MARK: Fleet events

    public func applyFindings(eventId: UUID, userId: UUID, analysisId: UUID, occurredAt: Date, counts: [RuleID: Int]) async throws -> Bool {
        let found = counts.filter { $0.value > 0 }.sorted { $0.key < $1.key }
        let rules = found.map(\.key.rawValue)
        let ruleCounts = found.map(\.value)
        // One statement, as `applyUnlocks` (it was BEGIN, the event id, the analysis, a DELETE and one INSERT per rule,
        // COMMIT: a dozen round trips for a typical analysis). Nothing happens unless the event id is new; only a later
        // analysis replaces the stored one (events of one user may arrive out of order), and then the user's counts
        // become exactly this analysis's: the rules it did not find are deleted and the rest upserted — disjoint rows,
        // so the two parts of one statement never meet on a row.
        let rows = try await client.query(
            """
            WITH applied AS (
                INSERT INTO \(unescaped: schema).applied_events (event_id, type) VALUES (\(eventId), \(EventType.aiAnalysisCompleted.rawValue))
                ON CONFLICT (event_id) DO NOTHING RETURNING event_id
            ), latest AS (
                INSERT INTO \(unescaped: schema).analyses AS a (user_id, analysis_id, occurred_at)
                SELECT \(userId), \(analysisId), \(occurredAt) FROM applied
                ON CONFLICT (user_id) DO UPDATE SET analysis_id = EXCLUDED.analysis_id, occurred_at = EXCLUDED.occurred_at
                WHERE a.occurred_at <= EXCLUDED.occurred_at
                RETURNING user_id
            ), cleared AS (
                DELETE FROM \(unescaped: schema).findings AS f USING latest
                WHERE f.user_id = latest.user_id AND f.rule_id <> ALL(\(rules)::text[])
            ), counted AS (
                INSERT INTO \(unescaped: schema).findings (user_id, rule_id, count)
                SELECT latest.user_id, r.rule_id, r.count FROM latest, unnest(\(rules)::text[], \(ruleCounts)::integer[]) AS r(rule_id, count)
                ON CONFLICT (user_id, rule_id) DO UPDATE SET count = EXCLUDED.count
            )
            SELECT count(*) FROM applied
            """,
            logger: logger
        )
        for try await count in rows.decode(Int.self) { return count > 0 }
        return false
    }

    public func applyUnlocks(
        eventId: UUID, eventType: EventType, users: [UUID], moduleIds: [UUID], projectId: UUID, projectName: String, occurredAt: Date
    ) async throws -> Bool {
        // One statement, so one implicit transaction and one round trip (it was BEGIN, the event id, one INSERT per
        // user and module, COMMIT): the unlocks are inserted only when the event id was new, which is what makes a
        // redelivered event change nothing.
        let rows = try await client.query(
            """
            WITH applied AS (
                INSERT INTO \(unescaped: schema).applied_events (event_id, type) VALUES (\(eventId), \(eventType.rawValue))
                ON CONFLICT (event_id) DO NOTHING RETURNING event_id
            ), unlocked AS (
                INSERT INTO \(unescaped: schema).practice_unlocks (user_id, module_id, event_type, project_id, project_name, occurred_at)
                SELECT u.id, m.id, \(eventType.rawValue), \(projectId), \(projectName), \(occurredAt)
                FROM applied, unnest(\(users)::uuid[]) AS u(id), unnest(\(moduleIds)::uuid[]) AS m(id)
                ON CONFLICT (user_id, module_id) DO NOTHING
            )
            SELECT count(*) FROM applied
            """,
            logger: logger
        )
        for try await count in rows.decode(Int.self) { return count > 0 }
        return false
    }

    /// `withTransaction`, with the error thrown inside handed on as it was (postgres-nio wraps it in a
    /// `PostgresTransactionError`, which would turn a 404 into a 500).
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
