import Coordination
import Logging
import PostgresNIO
import ServiceKit

/// Progress, quiz attempts and their spaced-review state, what the fleet's events taught us about each learner,
/// the ids of the events already applied, and the outbox of `learning.quiz_completed`.
struct CreateLearningTables: DatabaseMigration {
    let version = 1
    let name = "create progress, attempts, reviews, findings, unlocks, applied events, outbox"

    func apply(on connection: PostgresConnection, schema: String, logger: Logger) async throws {
        let statements: [PostgresQuery] = [
            """
            CREATE TABLE \(unescaped: schema).progress (
                user_id uuid NOT NULL,
                module_id uuid NOT NULL,
                progress integer NOT NULL CHECK (progress BETWEEN 0 AND 100),
                updated_at timestamptz NOT NULL,
                PRIMARY KEY (user_id, module_id)
            )
            """,
            """
            CREATE TABLE \(unescaped: schema).quiz_attempts (
                id uuid PRIMARY KEY,
                user_id uuid NOT NULL,
                quiz_id uuid NOT NULL,
                module_id uuid NOT NULL,
                correct integer NOT NULL CHECK (correct >= 0),
                total integer NOT NULL CHECK (total > 0 AND correct <= total),
                score double precision NOT NULL,
                passed boolean NOT NULL,
                answered_at timestamptz NOT NULL
            )
            """,
            "CREATE INDEX quiz_attempts_user ON \(unescaped: schema).quiz_attempts (user_id, quiz_id, answered_at)",
            // One row per learner and quiz: the Leitner box and when the quiz is due again.
            """
            CREATE TABLE \(unescaped: schema).reviews (
                user_id uuid NOT NULL,
                quiz_id uuid NOT NULL,
                box integer NOT NULL CHECK (box >= 0),
                due_at timestamptz NOT NULL,
                last_passed boolean NOT NULL,
                last_score double precision NOT NULL,
                answered_at timestamptz NOT NULL,
                attempts integer NOT NULL CHECK (attempts >= 1),
                PRIMARY KEY (user_id, quiz_id)
            )
            """,
            // The latest analysis per learner, and its finding counts by rule id.
            """
            CREATE TABLE \(unescaped: schema).analyses (
                user_id uuid PRIMARY KEY,
                analysis_id uuid NOT NULL,
                occurred_at timestamptz NOT NULL
            )
            """,
            """
            CREATE TABLE \(unescaped: schema).findings (
                user_id uuid NOT NULL REFERENCES \(unescaped: schema).analyses(user_id) ON DELETE CASCADE,
                rule_id text NOT NULL,
                count integer NOT NULL CHECK (count > 0),
                PRIMARY KEY (user_id, rule_id)
            )
            """,
            // Practice modules opened by project activity; the first opening is kept.
            """
            CREATE TABLE \(unescaped: schema).practice_unlocks (
                user_id uuid NOT NULL,
                module_id uuid NOT NULL,
                event_type text NOT NULL,
                project_id uuid NOT NULL,
                project_name text NOT NULL,
                occurred_at timestamptz NOT NULL,
                PRIMARY KEY (user_id, module_id)
            )
            """,
            // Event ids whose effects are committed: written in the transaction of the effects, so a redelivered
            // event changes nothing even when the bus's own duplicate marker was lost.
            """
            CREATE TABLE \(unescaped: schema).applied_events (
                event_id uuid PRIMARY KEY,
                type text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """,
        ]
        for statement in statements {
            try await connection.query(statement, logger: logger)
        }
        try await Outbox.createTable(on: connection, schema: schema, logger: logger)
    }
}
