import Contracts
import Logging
import PostgresNIO

/// The transactional outbox: a service that changes its tables and emits events appends the events to its
/// own `<schema>.outbox` table in the same transaction, so the change and its events commit or roll back
/// together. `OutboxRelay` later publishes committed rows to Redis in `seq` order, so a Redis outage delays
/// events but loses none.
///
/// Order: rows are published in `seq` order, and `seq` is taken at insert. Two transactions committing at
/// the same moment may therefore be published in either order; events of one aggregate keep their order when
/// the transaction locks (or updates) the aggregate's row before appending, which the services do.
public enum Outbox {
    /// The DDL of the table. Call it from one of the service's migrations (`DatabaseMigration.apply`); the
    /// schema must exist. Idempotent, so it is also safe to call on every start.
    public static func createTable(on connection: PostgresConnection, schema: String, logger: Logger) async throws {
        try validate(schema)
        try await connection.query(
            """
            CREATE TABLE IF NOT EXISTS \(unescaped: schema).outbox (
                seq bigserial PRIMARY KEY,
                event_id uuid NOT NULL UNIQUE,
                source text NOT NULL,
                type text NOT NULL,
                envelope text NOT NULL,
                created_at timestamptz NOT NULL DEFAULT now(),
                sent_at timestamptz,
                stream_entry_id text
            )
            """,
            logger: logger
        )
        // The relay only ever looks at unsent rows, oldest first; this keeps that cheap however many sent
        // rows await the retention purge.
        try await connection.query(
            "CREATE INDEX IF NOT EXISTS outbox_unsent ON \(unescaped: schema).outbox (seq) WHERE sent_at IS NULL",
            logger: logger
        )
    }

    /// Appends events to the outbox. Call it on the connection of the transaction that makes the change the
    /// events describe (`PostgresClient.withTransaction`); outside a transaction the events are published even
    /// if the change later fails. The envelope is stored as the exact JSON the relay will publish.
    public static func append(_ events: [EventEnvelope], on connection: PostgresConnection, schema: String, logger: Logger) async throws {
        try validate(schema)
        for event in events {
            // The bytes `EventPublisher` would publish for it (`EncodedEvent`), which the relay then publishes as stored.
            let json = String(decoding: EncodedEvent(event).json, as: UTF8.self)
            try await connection.query(
                """
                INSERT INTO \(unescaped: schema).outbox (event_id, source, type, envelope)
                VALUES (\(event.id), \(event.source), \(event.type), \(json))
                """,
                logger: logger
            )
        }
    }

    public static func append(_ event: EventEnvelope, on connection: PostgresConnection, schema: String, logger: Logger) async throws {
        try await append([event], on: connection, schema: schema, logger: logger)
    }

    /// Schema names cannot be bind parameters; only names matching this rule are spliced into SQL (the same
    /// rule as ServiceKit's `SQLIdentifier`, which this module cannot import).
    static func validate(_ schema: String) throws(OutboxError) {
        let bytes = Array(schema.utf8)
        let isLower: (UInt8) -> Bool = { ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x5F }
        guard let first = bytes.first, bytes.count <= 63, isLower(first),
              bytes.allSatisfy({ isLower($0) || ($0 >= 0x30 && $0 <= 0x39) })
        else {
            throw .invalidSchema(schema)
        }
    }
}
