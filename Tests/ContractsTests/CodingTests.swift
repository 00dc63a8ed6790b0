import Foundation
import Testing
import Contracts

@Suite("JSON coding of the DTOs")
struct CodingTests {
    @Test func projectsDTOsRoundTrip() throws {
        try expectRoundTrip(Fixture.project)
        try expectRoundTrip(Project(id: Fixture.projectId, name: "n", ownerId: Fixture.userA, createdAt: Fixture.date, updatedAt: Fixture.date))
        try expectRoundTrip(Fixture.claim)
        try expectRoundTrip(LockStatus(locked: true, holderId: Fixture.userB, expiresAt: Fixture.later))
        try expectRoundTrip(LockStatus.unlocked)
        try expectRoundTrip(Page(items: [Fixture.project], nextCursor: "next"))
        try expectRoundTrip(ProjectWithAnalysis(project: Fixture.project, analysis: Fixture.analysis, sagaId: Fixture.thirdId))
        try expectRoundTrip(Saga(id: Fixture.thirdId, name: "create-with-analysis", status: .compensated, steps: [
            Saga.Step(name: "create-project", status: .compensated, startedAt: Fixture.date, finishedAt: Fixture.later),
            Saga.Step(name: "analyze-code", status: .failed, startedAt: Fixture.date, finishedAt: Fixture.later, error: "timeout"),
            Saga.Step(name: "notify", status: .pending),
        ]))
        try expectRoundTrip(CreateProjectRequest(name: "n", description: "d"))
        try expectRoundTrip(UpdateProjectRequest(name: "n", status: .archived))
        try expectRoundTrip(ClaimRequest(ttlSeconds: 30))
        try expectRoundTrip(AddCollaboratorRequest(userId: Fixture.userC))
        try expectRoundTrip(CreateProjectWithAnalysisRequest(name: "n", code: "c", language: "swift"))
    }

    @Test func aiDTOsRoundTrip() throws {
        try expectRoundTrip(Fixture.analysis)
        try expectRoundTrip(Suggestion(title: "t", detail: "d", priority: .high, line: 3))
        try expectRoundTrip(Blackboard(id: Fixture.otherId, status: .open, createdAt: Fixture.date))
        let knowledge = Knowledge(source: "security", type: .warning, confidence: 0.7, data: .object(["line": .number(3), "tags": .array([.string("a"), .null, .bool(false)])]))
        try expectRoundTrip(knowledge)
        let contribution = Contribution(id: Fixture.thirdId, knowledge: knowledge, timestamp: Fixture.later)
        #expect(contribution.knowledge == knowledge)
        try expectRoundTrip(BlackboardDetail(
            id: Fixture.otherId, status: .solved, problem: BlackboardProblem(code: "x", context: nil), contributions: [contribution], createdAt: Fixture.date
        ))
        try expectRoundTrip(BlackboardRunResult(contributions: 5))
        try expectRoundTrip(Fixture.solution)
        try expectRoundTrip(Conversation(id: Fixture.otherId, createdAt: Fixture.date))
        try expectRoundTrip(SendMessageResponse(message: ChatMessage(role: .assistant, content: "Hello")))
        try expectRoundTrip(ProviderStatus(name: "local", state: .halfOpen, priority: 3, healthy: true))
        try expectRoundTrip(AnalyzeCodeRequest(code: "c", language: "swift", context: "ctx"))
        try expectRoundTrip(SuggestionsRequest(code: "c", goal: "speed"))
        try expectRoundTrip(CreateBlackboardRequest(problem: BlackboardProblem(context: "why")))
        try expectRoundTrip(SendMessageRequest(content: "hi"))
        try expectRoundTrip(StreamEvent.token("Hel"))
        try expectRoundTrip(StreamEvent.done(tokens: 3))
    }

    @Test func learningDTOsRoundTrip() throws {
        try expectRoundTrip(LearningPath(userId: Fixture.userA, modules: [
            LearningPath.Module(id: Fixture.projectId, title: "Swift concurrency", status: .inProgress, progress: 40),
        ]))
        try expectRoundTrip(UpdateProgressRequest(moduleId: Fixture.projectId, progress: 100))
        try expectRoundTrip(QuizSummary(id: Fixture.otherId, title: "Actors", moduleId: Fixture.projectId))
        try expectRoundTrip(Quiz(id: Fixture.otherId, title: "Actors", moduleId: Fixture.projectId, questions: [
            Quiz.Question(id: Fixture.thirdId, text: "Is an actor Sendable?", choices: ["yes", "no"]),
        ]))
        try expectRoundTrip(SubmitAnswersRequest(answers: [QuizAnswer(questionId: Fixture.thirdId, choice: 0)]))
        try expectRoundTrip(QuizResult(correct: 2, total: 3))
        try expectRoundTrip(Recommendation(moduleId: Fixture.projectId, reason: "Failed the actors quiz.", priority: .medium, kind: .failedQuiz))
        try expectRoundTrip(AgentStatus(name: "recommender", state: .busy, processed: 10, mailbox: 2, mailboxCapacity: 64))
    }

    @Test func memoryAndGatewayDTOsRoundTrip() throws {
        try expectRoundTrip(MemoryEntry(key: "cache:a", data: .object(["n": .number(1.5)]), expiresAt: Fixture.later))
        try expectRoundTrip(MemoryEntry(key: "k", data: .null))
        try expectRoundTrip(SimilarityMatch(id: Fixture.otherId, score: 0.99, metadata: .object(["doc": .string("a")])))
        try expectRoundTrip(SimilarityMatch(id: Fixture.otherId, score: -0.5))
        try expectRoundTrip(InvalidateResult(deleted: 4))
        try expectRoundTrip(StoreValueRequest(data: .array([.number(1)]), ttlSeconds: 60))
        try expectRoundTrip(StoreEmbeddingRequest(vector: [0.25, -1, 3e-8], metadata: .object(["a": .bool(true)])))
        try expectRoundTrip(SimilaritySearchRequest(vector: [1], limit: 7))
        try expectRoundTrip(InvalidateRequest(pattern: "cache:*"))
        try expectRoundTrip(HealthReport(services: ["auth": .ok, "ai": .down]))
        try expectRoundTrip(CircuitBreakerStatus(name: "projects", state: .open, failureRate: 0.6, calls: 20, openedAt: Fixture.date))
        try expectRoundTrip(CircuitBreakerStatus(name: "ai", state: .closed, failureRate: 0, calls: 0))
    }

    @Test func datesAreISO8601UTCWithoutFractions() throws {
        let json = try JSON.encode(Conversation(id: Fixture.otherId, createdAt: Fixture.date))
        #expect(json == #"{"createdAt":"2026-01-31T12:00:00Z","id":"5b8c7d6e-0000-4000-8000-000000000002"}"#)
        #expect(JSONCoding.dateString(Fixture.date) == "2026-01-31T12:00:00Z")
    }

    @Test func decodesTheShapesOfAPIMarkdown() throws {
        let project = try JSON.decode(Project.self, """
            {"id":"5b8c7d6e-0000-4000-8000-000000000001","name":"DevMentor","description":"","ownerId":"0b7e5e3a-1c1f-4a59-9c43-2a9c3f4c1a01",
             "collaborators":[],"status":"archived","version":1,"createdAt":"2026-01-31T12:00:00Z","updatedAt":"2026-01-31T12:00:00Z","lock":null}
            """)
        #expect(project.id == Fixture.projectId && project.ownerId == Fixture.userA)
        #expect(project.status == .archived && project.lock == nil)

        let breakers = try JSON.decode([CircuitBreakerStatus].self, #"[{"name":"projects","state":"halfOpen","failureRate":0.0,"calls":3,"openedAt":null}]"#)
        #expect(breakers == [CircuitBreakerStatus(name: "projects", state: .halfOpen, failureRate: 0, calls: 3)])

        let health = try JSON.decode(HealthReport.self, #"{"status":"degraded","services":{"auth":"ok","ai":"down"}}"#)
        #expect(health.services["ai"] == .down)

        let entry = try JSON.decode(MemoryEntry.self, #"{"key":"k","data":{"a":[1,"x",null]},"expiresAt":null}"#)
        #expect(entry.data == .object(["a": .array([.number(1), .string("x"), .null])]))
    }

    /// Nullable fields that docs/api.md lists without `?` are written as `null`, not left out.
    @Test func nullableFieldsAreWrittenAsNull() throws {
        let unlocked = Project(id: Fixture.projectId, name: "n", ownerId: Fixture.userA, createdAt: Fixture.date, updatedAt: Fixture.date)
        #expect(try JSON.object(JSON.encode(unlocked))["lock"] is NSNull)
        #expect(try JSON.object(JSON.encode(MemoryEntry(key: "k", data: .null)))["expiresAt"] is NSNull)
        #expect(try JSON.object(JSON.encode(MemoryEntry(key: "k", data: .null)))["data"] is NSNull)
        #expect(try JSON.object(JSON.encode(SimilarityMatch(id: Fixture.userA, score: 1)))["metadata"] is NSNull)
        #expect(try JSON.object(JSON.encode(CircuitBreakerStatus(name: "a", state: .closed, failureRate: 0, calls: 0)))["openedAt"] is NSNull)
        let pending = try JSON.object(JSON.encode(Saga.Step(name: "s", status: .pending)))
        #expect(pending["startedAt"] is NSNull && pending["finishedAt"] is NSNull && pending["error"] == nil)
        // Optional fields (`?` in docs/api.md) are simply left out.
        let status = try JSON.object(JSON.encode(LockStatus.unlocked))
        #expect(Set(status.keys) == ["locked"])
    }

    @Test func streamEventsCarryTheirTypeOnTheWire() throws {
        #expect(try JSON.encode(StreamEvent.token("Hi")) == #"{"text":"Hi","type":"token"}"#)
        #expect(try JSON.encode(StreamEvent.done(tokens: 2)) == #"{"tokens":2,"type":"done"}"#)
        #expect(StreamEvent.token("x").name == "token" && StreamEvent.done(tokens: 0).name == "done")
        #expect(throws: DecodingError.self) { try JSON.decode(StreamEvent.self, #"{"type":"ping"}"#) }
        #expect(throws: DecodingError.self) { try JSON.decode(StreamEvent.self, #"{"type":"token"}"#) }
    }

    @Test func wrongTypesAndMissingFieldsFailDecoding() {
        #expect(throws: DecodingError.self) { try JSON.decode(CreateProjectRequest.self, #"{"name":5}"#) }
        #expect(throws: DecodingError.self) { try JSON.decode(CreateProjectRequest.self, #"{"description":"d"}"#) }
        #expect(throws: DecodingError.self) { try JSON.decode(AddCollaboratorRequest.self, #"{"userId":"not-a-uuid"}"#) }
        #expect(throws: DecodingError.self) { try JSON.decode(UpdateProgressRequest.self, #"{"moduleId":"5B8C7D6E-0000-4000-8000-000000000001","progress":50.5}"#) }
        #expect(throws: DecodingError.self) { try JSON.decode(ClaimRequest.self, #"{"ttlSeconds":"300"}"#) }
        #expect(throws: DecodingError.self) { try JSON.decode(StoreEmbeddingRequest.self, #"{"vector":[1,"2"]}"#) }
    }

    /// One DTO holding a closed value set, with JSON that differs only in that value.
    struct EnumCase: Sendable, CustomTestStringConvertible {
        let label: String
        let valid: String
        let unknown: String
        let decode: @Sendable (String) throws -> Void

        init<T: Decodable & Sendable>(_ type: T.Type, _ template: String, valid: String, unknown: String) {
            label = "\(T.self) with \(unknown)"
            self.valid = template.replacingOccurrences(of: "%", with: valid)
            self.unknown = template.replacingOccurrences(of: "%", with: unknown)
            decode = { json in _ = try JSON.decode(T.self, json) }
        }

        var testDescription: String { label }
    }

    static let enumCases: [EnumCase] = [
        EnumCase(ProjectStatus.self, #""%""#, valid: "active", unknown: "deleted"),
        EnumCase(UpdateProjectRequest.self, #"{"status":"%"}"#, valid: "archived", unknown: "Archived"),
        EnumCase(Saga.self, #"{"id":"5B8C7D6E-0000-4000-8000-000000000001","name":"s","status":"%","steps":[]}"#, valid: "running", unknown: "paused"),
        EnumCase(Saga.Step.self, #"{"name":"s","status":"%","startedAt":null,"finishedAt":null}"#, valid: "completed", unknown: "skipped"),
        EnumCase(Knowledge.self, #"{"source":"s","type":"%","confidence":1,"data":null}"#, valid: "insight", unknown: "opinion"),
        EnumCase(Finding.self, #"{"agent":"a","type":"warning","severity":"%","message":"m","confidence":1}"#, valid: "critical", unknown: "severe"),
        EnumCase(Blackboard.self, #"{"id":"5B8C7D6E-0000-4000-8000-000000000001","status":"%","createdAt":"2026-01-31T12:00:00Z"}"#, valid: "open", unknown: "closed"),
        EnumCase(ProviderStatus.self, #"{"name":"p","state":"%","priority":1,"healthy":true}"#, valid: "halfOpen", unknown: "half-open"),
        EnumCase(BreakerState.self, #""%""#, valid: "closed", unknown: "half_open"),
        EnumCase(ChatMessage.self, #"{"role":"%","content":"c"}"#, valid: "assistant", unknown: "bot"),
        EnumCase(Suggestion.self, #"{"title":"t","detail":"d","priority":"%"}"#, valid: "low", unknown: "urgent"),
        EnumCase(LearningPath.Module.self, #"{"id":"5B8C7D6E-0000-4000-8000-000000000001","title":"t","status":"%","progress":0}"#, valid: "inProgress", unknown: "in_progress"),
        EnumCase(Recommendation.self, #"{"moduleId":"5B8C7D6E-0000-4000-8000-000000000001","reason":"r","priority":"%","kind":"nextModule"}"#, valid: "high", unknown: "HIGH"),
        EnumCase(AgentStatus.self, #"{"name":"a","state":"%","processed":0,"mailbox":0,"mailboxCapacity":1,"failed":0,"capabilities":[]}"#, valid: "idle", unknown: "sleeping"),
        EnumCase(HealthReport.self, #"{"status":"%","services":{}}"#, valid: "ok", unknown: "fine"),
        EnumCase(EventType.self, #""%""#, valid: "project.claimed", unknown: "project.exploded"),
    ]

    @Test("unknown enum values fail decoding", arguments: enumCases)
    func unknownEnumValue(_ testCase: EnumCase) throws {
        try testCase.decode(testCase.valid)
        #expect(throws: DecodingError.self) { try testCase.decode(testCase.unknown) }
    }
}

@Suite("Lower-case ids on the wire")
struct LowerCaseIDTests {
    @Test func everyKindOfIdPropertyIsWrittenInLowerCase() throws {
        let id = UUID()
        let envelope = try EventEnvelope.make(.projectCreated, subject: id.lowercasedString, actorId: id, payload: ["x": 1])
        let text = String(decoding: try JSONCoding.makeEncoder().encode(envelope), as: UTF8.self)
        #expect(!text.contains(id.uuidString))
        #expect(text.contains(id.lowercasedString))
        let project = Project(id: id, name: "n", description: "", ownerId: id, collaborators: [id], createdAt: Date(), updatedAt: Date())
        let projectText = String(decoding: try JSONCoding.makeEncoder().encode(project), as: UTF8.self)
        #expect(!projectText.contains(id.uuidString) && projectText.contains(id.lowercasedString))
        // Read back in either case.
        let upper = projectText.replacingOccurrences(of: id.lowercasedString, with: id.uuidString)
        #expect(try JSONCoding.makeDecoder().decode(Project.self, from: Data(upper.utf8)).id == id)
    }
}
