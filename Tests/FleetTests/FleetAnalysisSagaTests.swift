import Contracts
import Foundation
import Testing
import TestSupport

/// `POST /api/v1/projects/with-analysis` across the real executables: the projects service creates the project and
/// has the real AI gateway analyze the code; with the AI gateway stopped the saga compensates.
@Suite("Fleet: the project-with-analysis saga against the real AI gateway")
struct FleetAnalysisSagaTests {
    static let body = #"""
        {"name": "with analysis", "language": "python",
         "code": "import os\n\ndef lookup(cursor, name):\n    query = \"SELECT * FROM users WHERE name = '\" + name + \"'\"\n    cursor.execute(query)\n    return eval(name)\n"}
        """#

    @Test func theSagaCompletesWithFindingsAndCompensatesWithoutTheAIGateway() async throws {
        let fleet = try Fleet(services: ["auth", "ai-gateway", "projects", "gateway"], gatewayEnvironment: ["RATE_LIMIT_CREDENTIALS": "1000/60/1000"])
        try await fleet.start()
        do {
            try await run(fleet)
        } catch {
            await fleet.stop()
            throw error
        }
        await fleet.stop()
    }

    private func run(_ fleet: Fleet) async throws {
        let token = try await fleet.signIn()
        let created = try await fleet.send("POST", fleet.gatewayURL + "/api/v1/projects/with-analysis", token: token, body: Self.body)
        #expect(created.status == 201, "\(created.body)")
        let result = try JSONCoding.makeDecoder().decode(ProjectWithAnalysis.self, from: Data(created.body.utf8))
        #expect(!result.analysis.findings.isEmpty)
        #expect(result.analysis.metrics.functions >= 1)
        let project = try await fleet.get(fleet.gatewayURL + "/api/v1/projects/\(result.project.id.lowercasedString)", token: token)
        #expect(project.status == 200)

        // The AI gateway stopped: the analysis step fails, the project is deleted again, the answer says so.
        await fleet.processes["ai-gateway"]!.stop()
        let failed = try await fleet.send("POST", fleet.gatewayURL + "/api/v1/projects/with-analysis", token: token, body: Self.body)
        #expect(failed.status == 502, "\(failed.body)")
        let error = try #require(try ErrorBody.decode(failed.body))
        #expect(error.code == "SAGA_FAILED")
        let sagaId = try #require(error.details?["sagaId"]?.stringValue)
        let saga = try await fleet.get(fleet.gatewayURL + "/api/v1/projects/sagas/\(sagaId)", token: token)
        #expect(saga.status == 200)
        #expect(saga.body.contains("\"compensated\""))
        let list = try await fleet.get(fleet.gatewayURL + "/api/v1/projects?limit=100", token: token)
        let page = try JSONCoding.makeDecoder().decode(Page<Project>.self, from: Data(list.body.utf8))
        #expect(page.items.map(\.id) == [result.project.id])
    }
}
