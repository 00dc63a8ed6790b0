import PostgresNIO

/// One versioned step of a service's schema. Steps run in version order inside one transaction with the
/// bookkeeping row, so a step is either fully applied and recorded or not at all.
public protocol DatabaseMigration: Sendable {
    /// Strictly increasing within a service; never reused or renumbered once released.
    var version: Int { get }
    var name: String { get }
    func apply(on connection: PostgresConnection, schema: String, logger: Logger) async throws
}
