import Contracts
import Foundation
import PostgresNIO
@testable import Projects
import ServiceKit
import Testing
import TestSupport

/// The list query against a table of thousands: served from the page indexes (never a scan of the member's
/// projects), and paging through it visits every visible project exactly once, in order.
@Suite("Project list query")
struct ProjectListQueryTests {
    @Test func pagesComeFromTheIndexesAndVisitEveryProjectOnce() async throws {
        try await ProjectSchema.with("projects-list") { client, schema, repository in
            try await Self.check(client: client, schema: schema, repository: repository)
        }
    }

    static func check(client: PostgresClient, schema: String, repository: ProjectPostgresRepository) async throws {
        let logger = TestEnvironment.logger("projects-list")
        let member = UUID()
        let neighbour = UUID()
        let owned = try await repository.insertGenerated(count: 3000, owner: member, namePrefix: "Mine")
        let others = try await repository.insertGenerated(count: 3000, owner: neighbour, namePrefix: "Theirs")
        let shared = Array(others.prefix(40)) + Array(others.suffix(10))
        for id in shared {
            try await repository.modify(ProjectID(id)) { try $0.addCollaborator(UserID(member), by: UserID(neighbour), now: Date()) }
        }
        // A third user collaborates on every neighbour project: a collaborators table of realistic size.
        try await client.query(
            """
            INSERT INTO \(unescaped: schema).collaborators (project_id, user_id, project_created_at)
            SELECT id, \(UUID()), created_at FROM \(unescaped: schema).projects WHERE owner_id = \(neighbour)
            """,
            logger: logger
        )
        try await client.query("ANALYZE \(unescaped: schema).projects", logger: logger)
        try await client.query("ANALYZE \(unescaped: schema).collaborators", logger: logger)

        let statement = repository.pageStatement(for: UserID(member), after: nil, limit: PageRequest.defaultLimit + 1)
        let explain = PostgresQuery(unsafeSQL: "EXPLAIN " + ProjectStatements.Page.sql, binds: try statement.makeBindings())
        let rows = try await client.query(explain, logger: logger)
        var plan = ""
        for try await line in rows.decode(String.self) { plan += line + "\n" }
        #expect(plan.contains("projects_owner_page"), "\(plan)")
        #expect(plan.contains("collaborators_member_page"), "\(plan)")
        #expect(!plan.contains("Seq Scan"), "\(plan)")

        var seen: [ProjectAggregate] = []
        var cursor: ProjectCursor?
        while true {
            let page = try await repository.page(for: UserID(member), after: cursor, limit: 100)
            seen += page
            guard page.count == 100, let last = page.last else { break }
            cursor = ProjectCursor(after: last)
        }
        #expect(seen.count == owned.count + shared.count)
        #expect(Set(seen.map(\.id.rawValue)) == Set(owned + shared))
        let order = seen.map { ($0.createdAt, $0.id.rawValue.uuidString.lowercased()) }
        #expect(zip(order, order.dropFirst()).allSatisfy { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) })
        #expect(seen.filter { shared.contains($0.id.rawValue) }.allSatisfy { $0.collaborators.first == UserID(member) && $0.collaborators.count == 2 })
    }
}
