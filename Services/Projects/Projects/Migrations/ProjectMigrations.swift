import ServiceKit

/// The projects schema's migrations, in order: what the service runs at start and what tests that build the schema
/// themselves run.
enum ProjectMigrations {
    static let all: [any DatabaseMigration] = [CreateProjectTables(), CreateSagaTables(), IndexClaimExpiry()]
}
