import Contracts
import Foundation
import Hummingbird
import HummingbirdTesting
@testable import Projects
import Testing
import TestSupport

/// The create-with-analysis saga beyond the contract: an AI gateway that answers but not with an analysis, and
/// sagas whose process stopped half-way.
@Suite("Project creation saga")
struct SagaTests {
    @Test func anAIGatewayAnswering404CompensatesLikeAnAbsentOne() async throws {
        // A server that knows no AI route at all: what a fleet without the AI service behind that URL answers.
        let empty = Application(router: Router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await empty.test(.live) { client in
            let port = try #require(client.port)
            try await ProjectsFixture.run(aiGatewayURL: "http://127.0.0.1:\(port)") { fixture in
                let user = try await fixture.signIn("saga")
                let answer = try await fixture.send(
                    "POST", "/api/v1/projects/with-analysis", as: user, body: #"{"name":"Analyzed","code":"print(1)","language":"python"}"#
                )
                #expect(answer.status == 502)
                #expect(answer.error?.code == "SAGA_FAILED")
                let sagaId = try #require(answer.error?.details?["sagaId"]?.stringValue)

                let saga = try await fixture.send("GET", "/api/v1/projects/sagas/\(sagaId)", as: user).decode(Saga.self)
                #expect(saga.status == .compensated)
                #expect(saga.steps.map(\.status) == [.compensated, .failed])
                #expect(saga.steps[1].error?.contains("404") == true)
                #expect(try await fixture.throughGateway.list(PageRequest(), caller: user.caller).items.isEmpty)
            }
        }
    }

    @Test func codeTheAIGatewayRefusesIsA400NamingTheFieldAndLeavesNoProject() async throws {
        // An AI gateway that refuses the request itself, as the real one does for a `language` it does not know.
        let router = Router()
        router.post("/api/v1/ai/analyze") { _, _ -> Response in
            let body = #"{"error":{"code":"VALIDATION_FAILED","message":"language must be one of swift, python.","details":{"field":"language"}}}"#
            return Response(status: .badRequest, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: body)))
        }
        let refusing = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await refusing.test(.live) { client in
            let port = try #require(client.port)
            try await ProjectsFixture.run(aiGatewayURL: "http://127.0.0.1:\(port)") { fixture in
                let user = try await fixture.signIn("saga")
                let answer = try await fixture.send(
                    "POST", "/api/v1/projects/with-analysis", as: user, body: #"{"name":"Analyzed","code":"0","language":"0"}"#
                )
                #expect(answer.status == 400)
                #expect(answer.error?.code == "VALIDATION_FAILED")
                #expect(answer.error?.details?["field"] == .string("language"))
                #expect(answer.error?.message.contains("The project was not created.") == true)
                let sagaId = try #require(answer.error?.details?["sagaId"]?.stringValue)
                let saga = try await fixture.send("GET", "/api/v1/projects/sagas/\(sagaId)", as: user).decode(Saga.self)
                #expect(saga.status == .compensated)
                #expect(try await fixture.throughGateway.list(PageRequest(), caller: user.caller).items.isEmpty)
            }
        }
    }

    @Test func sagasLeftRunningByAStoppedProcessAreFinishedAtStart() async throws {
        try await ProjectsFixture.run { fixture in
            let user = try await fixture.signIn("saga")
            let log = fixture.core.sagaLog
            let steps = ProjectCreationSaga.Step.allCases.map(\.rawValue)
            let create = ProjectCreationSaga.Step.createProject.rawValue
            let analyze = ProjectCreationSaga.Step.analyzeCode.rawValue

            // Stopped after creating the project, while waiting for the analysis.
            let halfway = UUID()
            let orphan = try await fixture.core.create(CreateProjectRequest(name: "Orphan"), caller: user.caller)
            try await log.start(halfway, name: ProjectCreationSaga.name, userId: user.id, steps: steps, now: Date())
            try await log.step(halfway, create, .completed, startedAt: Date(), finishedAt: Date(), projectId: orphan.id)
            try await log.step(halfway, analyze, .running, startedAt: Date())
            // Stopped after the analysis, before writing that the saga completed.
            let almost = UUID()
            let kept = try await fixture.core.create(CreateProjectRequest(name: "Kept"), caller: user.caller)
            try await log.start(almost, name: ProjectCreationSaga.name, userId: user.id, steps: steps, now: Date())
            try await log.step(almost, create, .completed, finishedAt: Date(), projectId: kept.id)
            try await log.step(almost, analyze, .completed, finishedAt: Date())
            // Still running somewhere right now: not to be touched.
            let live = UUID()
            try await log.start(live, name: ProjectCreationSaga.name, userId: user.id, steps: steps, now: Date())

            let schema = fixture.schema
            try await TestDatabase.with { client in
                _ = try await client.query(
                    "UPDATE \(unescaped: schema).sagas SET updated_at = now() - interval '1 hour' WHERE id IN (\(halfway), \(almost))",
                    logger: TestEnvironment.logger("projects-tests.postgres")
                )
            }
            await fixture.core.recoverAbandonedSagas()

            let compensated = try await fixture.core.saga(halfway, caller: user.caller)
            #expect(compensated.status == .compensated)
            #expect(compensated.steps.map(\.status) == [.compensated, .failed])
            await expectAppError(.notFound) { _ = try await fixture.core.findById(orphan.id, caller: user.caller) }

            #expect(try await fixture.core.saga(almost, caller: user.caller).status == .completed)
            #expect(try await fixture.core.findById(kept.id, caller: user.caller).id == kept.id)
            #expect(try await fixture.core.saga(live, caller: user.caller).status == .running)
        }
    }
}
