import Foundation
import PostgresNIO
@testable import Projects
import ServiceKit
import Testing
import TestSupport

/// The claim records a project keeps: a new tenure raises the fence and records itself in one statement, and takes
/// with it the records that expired more than `claimRetention` ago — found by their expiry, not by reading every
/// record the project has.
@Suite("Claim records")
struct ClaimRecordTests {
    @Test func aNewTenureRaisesTheFenceAndRemovesOnlyLongExpiredRecords() async throws {
        try await ProjectSchema.with("projects-claims") { client, schema, repository in
            try await Self.check(client: client, schema: schema, repository: repository)
        }
    }

    static func check(client: PostgresClient, schema: String, repository: ProjectPostgresRepository) async throws {
        let logger = TestEnvironment.logger("projects-claims")
        let owner = UUID()
        let project = try #require(try await repository.insertGenerated(count: 1, owner: owner).first)
        // 300 earlier tenures: the first 150 expired two to three days ago, the last 150 within the retention.
        let now = Date().wholeSeconds
        let old = (1...150).map { now.addingTimeInterval(-3 * 86_400 + Double($0) * 60) }
        let recent = (1...150).map { now.addingTimeInterval(-3_600 + Double($0)) }
        try await client.query(
            """
            INSERT INTO \(unescaped: schema).claims (id, project_id, user_id, fencing_token, ttl_seconds, expires_at)
            SELECT gen_random_uuid(), \(project), \(owner), token, 60, expires_at
            FROM unnest(\(old + recent)::timestamptz[]) WITH ORDINALITY AS t(expires_at, token)
            """,
            logger: logger
        )
        // Other projects' records: a table of a realistic size, on which reading by project and expiry is the plan.
        let neighbours = try await repository.insertGenerated(count: 60, owner: UUID(), namePrefix: "Other")
        try await client.query(
            """
            INSERT INTO \(unescaped: schema).claims (id, project_id, user_id, fencing_token, ttl_seconds, expires_at)
            SELECT gen_random_uuid(), p.id, \(owner), token, 60, now() - token * interval '1 hour'
            FROM unnest(\(neighbours)::uuid[]) AS p(id), generate_series(1, 100) AS token
            """,
            logger: logger
        )
        try await client.query("UPDATE \(unescaped: schema).projects SET fencing_token = 300 WHERE id = \(project)", logger: logger)
        try await client.query("ANALYZE \(unescaped: schema).claims", logger: logger)

        let statement = ProjectStatements.SaveClaim(
            id: UUID(), projectId: project, holder: owner, fencingToken: 301, ttlSeconds: 60, expiresAt: now.addingTimeInterval(60),
            cutoff: now.addingTimeInterval(-ProjectPostgresRepository.claimRetention)
        )
        let explain = PostgresQuery(unsafeSQL: "EXPLAIN " + ProjectStatements.SaveClaim.sql, binds: try statement.makeBindings())
        var plan = ""
        for try await line in try await client.query(explain, logger: logger).decode(String.self) { plan += line + "\n" }
        #expect(plan.contains("claims_project_expiry"), "\(plan)")

        let claim = try await repository.modify(ProjectID(project)) { aggregate in
            try aggregate.recordClaim(fencingToken: 301, holder: UserID(owner), ttlSeconds: 60, now: now)
        }
        let stored = try #require(try await repository.find(ProjectID(project)))
        #expect(stored.fencingToken == 301)
        #expect(stored.latestClaim == claim)

        var tokens: [Int64] = []
        let rows = try await client.query(
            "SELECT fencing_token FROM \(unescaped: schema).claims WHERE project_id = \(project) ORDER BY fencing_token",
            logger: logger
        )
        for try await token in rows.decode(Int64.self) { tokens.append(token) }
        #expect(tokens == Array(151...301))
    }
}
