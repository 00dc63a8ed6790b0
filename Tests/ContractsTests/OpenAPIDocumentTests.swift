import Foundation
import Testing
import Contracts

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `OpenAPIDocument`: every route of the table documented once, every `$ref` resolvable, the hand-written schema
/// catalog held to what the DTOs really encode, and the whole document accepted by an independent OpenAPI 3.1
/// validator.
@Suite("OpenAPI document")
struct OpenAPIDocumentTests {
    static let document = OpenAPIDocument.make(version: "0.0.0-test")
    static let schemas = document.openAPIField("components")?.openAPIField("schemas")?.openAPIFields ?? [:]

    // MARK: Routes

    @Test func everyRouteAppearsExactlyOnceWithItsMethod() throws {
        let paths = try #require(Self.document.openAPIField("paths")?.openAPIFields)
        var operations: [String: String] = [:]
        for (path, item) in paths {
            for (method, operation) in try #require(item.openAPIFields, "path item \(path)") {
                let key = "\(method.uppercased()) \(path)"
                #expect(operations[key] == nil, "\(key) is documented twice")
                operations[key] = operation.openAPIField("operationId")?.openAPIString
            }
        }
        #expect(operations.count == RouteTable.all.count, "the document has operations the route table does not")
        for route in RouteTable.all {
            #expect(operations[route.description] == route.operationId, "\(route) is missing or has another operationId")
        }
        let operationIds = operations.values.sorted()
        #expect(Set(operationIds).count == operationIds.count, "operationIds must be unique")
    }

    @Test(arguments: RouteTable.all) func operationDescribesItsRoute(_ route: RouteDescriptor) throws {
        let operation = try #require(
            Self.document.openAPIField("paths")?.openAPIField(route.path)?.openAPIField(route.method.rawValue.lowercased())
        )
        #expect(operation.openAPIField("summary") == .string(route.summary))
        #expect(operation.openAPIField("tags") == .array([.string(route.service.rawValue)]))

        let expectedSecurity: JSONValue = route.access == .public ? .array([]) : .array([.object(["bearerAuth": .array([])])])
        #expect(operation.openAPIField("security") == expectedSecurity, "security of \(route.access) route \(route)")

        let parameters = operation.openAPIField("parameters")?.openAPIItems ?? []
        let pathParameters = parameters.filter { $0.openAPIField("in") == .string("path") }
        #expect(pathParameters.compactMap { $0.openAPIField("name")?.openAPIString } == route.pathParameters)
        for parameter in pathParameters {
            let name = parameter.openAPIField("name")?.openAPIString ?? ""
            #expect(parameter.openAPIField("required") == .bool(true), "path parameter \(name)")
            #expect(parameter.openAPIField("schema")?.openAPIField("type") == .string("string"), "path parameter \(name)")
            let isId = name == "id" || name.hasSuffix("Id")
            #expect((parameter.openAPIField("schema")?.openAPIField("format") == .string("uuid")) == isId, "format of \(name)")
        }
        for declared in route.parameters {
            let match = parameters.first {
                $0.openAPIField("name") == .string(declared.name) && $0.openAPIField("in") == .string(declared.location.rawValue)
            }
            #expect(match?.openAPIField("required") == .bool(declared.required), "\(declared.location) parameter \(declared.name)")
        }

        let bodySchema = operation.openAPIField("requestBody")?.openAPIField("content")?
            .openAPIField("application/json")?.openAPIField("schema")
        #expect(bodySchema == route.requestBody.map { SchemaCatalog.schema(forTypeName: $0).json }, "request body of \(route)")

        let responses = try #require(operation.openAPIField("responses")?.openAPIFields)
        let errorStatuses = Set(route.allErrors.map(\.httpStatus))
        #expect(Set(responses.keys) == Set(errorStatuses.map(String.init)).union([String(route.response.status)]))
        let successContent = responses[String(route.response.status)]?.openAPIField("content")?.openAPIFields
        #expect(successContent.map { Array($0.keys) } == route.response.contentType.map { [$0] }, "success content of \(route)")

        for code in route.allErrors {
            let response = try #require(responses[String(code.httpStatus)])
            #expect(response.openAPIField("description")?.openAPIString?.contains("`\(code.rawValue)`") == true, "\(code) of \(route)")
            #expect(
                response.openAPIField("content")?.openAPIField("application/json")?.openAPIField("schema")
                    == .object(["$ref": .string("#/components/schemas/ErrorBody")])
            )
        }
    }

    @Test func infoServersAndEncoding() throws {
        let document = OpenAPIDocument.make(serverURL: "http://gateway:9000", version: "9.9.9")
        #expect(document.openAPIField("openapi") == .string("3.1.0"))
        #expect(document.openAPIField("info")?.openAPIField("title") == .string("DevMentor API"))
        #expect(document.openAPIField("info")?.openAPIField("version") == .string("9.9.9"))
        #expect(document.openAPIField("servers") == .array([.object(["url": .string("http://gateway:9000")])]))
        let scheme = document.openAPIField("components")?.openAPIField("securitySchemes")?.openAPIField("bearerAuth")
        #expect(scheme?.openAPIField("type") == .string("http"))
        #expect(scheme?.openAPIField("scheme") == .string("bearer"))
        #expect(scheme?.openAPIField("bearerFormat") == .string("JWT"))

        // The bytes are the document, and the same every time (sorted keys).
        let bytes = OpenAPIDocument.json(serverURL: "http://gateway:9000", version: "9.9.9")
        #expect(try JSONCoding.makeDecoder().decode(JSONValue.self, from: bytes) == document)
        #expect(bytes == OpenAPIDocument.json(serverURL: "http://gateway:9000", version: "9.9.9"))
        #expect(String(decoding: bytes, as: UTF8.self).hasPrefix(#"{"components":"#))
    }

    // MARK: References

    @Test func everyReferenceResolves() throws {
        let components = try #require(Self.document.openAPIField("components")?.openAPIFields)
        var references: [String] = []
        Self.collectReferences(in: Self.document, into: &references)
        #expect(!references.isEmpty)
        for reference in Set(references) {
            let parts = reference.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            #expect(parts.count == 4 && parts[0] == "#" && parts[1] == "components", "\(reference) is not a component reference")
            guard parts.count == 4 else { continue }
            #expect(components[parts[2]]?.openAPIField(parts[3]) != nil, "\(reference) does not resolve")
        }
    }

    /// A catalog entry nothing refers to is dead weight that no test of a route would ever notice drifting.
    @Test func everySchemaIsReachableFromAnOperation() throws {
        var reachable: Set<String> = []
        var pending: [String] = []
        Self.collectReferences(in: try #require(Self.document.openAPIField("paths")), into: &pending)
        while let reference = pending.popLast() {
            guard reference.hasPrefix(OpenAPISchema.componentsPrefix) else { continue }
            let name = String(reference.dropFirst(OpenAPISchema.componentsPrefix.count))
            guard reachable.insert(name).inserted, let schema = Self.schemas[name] else { continue }
            Self.collectReferences(in: schema, into: &pending)
        }
        #expect(Set(Self.schemas.keys).subtracting(reachable).isEmpty, "unreferenced: \(Set(Self.schemas.keys).subtracting(reachable).sorted())")
    }

    static func collectReferences(in value: JSONValue, into references: inout [String]) {
        switch value {
        case .object(let fields):
            for (key, field) in fields {
                if key == "$ref", let reference = field.openAPIString { references.append(reference) }
                collectReferences(in: field, into: &references)
            }
        case .array(let items):
            for item in items { collectReferences(in: item, into: &references) }
        default:
            break
        }
    }

    // MARK: Schemas against the DTOs

    /// Every object schema has a sample with every optional field set, so its keys can be compared; and every schema
    /// with optional properties has one with them unset, so `required` can be compared too.
    @Test func everyObjectSchemaHasSamples() throws {
        let complete = Set(OpenAPISchemaSample.all.filter { $0.kind == .complete }.map(\.component))
        let minimal = Set(OpenAPISchemaSample.all.filter { $0.kind == .minimal }.map(\.component))
        for (name, schema) in Self.schemas {
            let isObject = schema.openAPIField("properties") != nil || schema.openAPIField("oneOf") != nil
            guard isObject else { continue }
            #expect(complete.contains(name), "no complete sample of \(name)")
            let properties = Set((schema.openAPIField("properties")?.openAPIFields ?? [:]).keys)
            let required = Set(schema.openAPIField("required")?.openAPIItems?.compactMap(\.openAPIString) ?? [])
            if properties != required, !OpenAPISchemaSample.optionalOnlyOnInput.contains(name) {
                #expect(minimal.contains(name), "no minimal sample of \(name), which has optional properties")
            }
        }
        let sampled = Set(OpenAPISchemaSample.all.map(\.component))
        #expect(sampled.subtracting(Self.schemas.keys).isEmpty, "samples of unknown schemas: \(sampled.subtracting(Self.schemas.keys))")
    }

    /// The guard of the catalog: what a DTO encodes must fit its schema, a complete sample's keys must be the
    /// schema's properties, a minimal sample's keys its `required`, and nothing outside `required` may be needed to
    /// decode the DTO again.
    @Test(arguments: OpenAPISchemaSample.all) func sampleMatchesItsSchema(_ sample: OpenAPISchemaSample) throws {
        let schema = try #require(Self.schemas[sample.component], "no schema \(sample.component)")
        let encoded = try sample.encode()
        let value = try JSONCoding.makeDecoder().decode(JSONValue.self, from: encoded)
        let checker = OpenAPISchemaChecker(schemas: Self.schemas)

        let problems = checker.problems(of: value, against: schema, at: sample.component)
        #expect(problems.isEmpty, "\(String(decoding: encoded, as: UTF8.self))\n\(problems.joined(separator: "\n"))")

        let fields = try #require(value.openAPIFields, "\(sample.component) does not encode to an object")
        let branch = try #require(checker.objectSchema(of: value, in: schema), "no object schema of \(sample.component) fits")
        let keys = Set(fields.keys)
        let expected = sample.kind == .complete ? branch.properties : branch.required
        #expect(
            keys == expected,
            "\(sample.testDescription): encoded but not in the schema: \(keys.subtracting(expected).sorted()); in the schema but not encoded: \(expected.subtracting(keys).sorted())"
        )

        let requiredOnly = JSONValue.object(fields.filter { branch.required.contains($0.key) })
        #expect(throws: Never.self, "\(sample.component) needs more than its required properties to decode") {
            try sample.decode(JSONCoding.makeEncoder().encode(requiredOnly))
        }
    }

    // MARK: A real OpenAPI 3.1 validator

    /// Runs the Python `openapi-spec-validator` on the document. A missing python3 or module is a failure, not a
    /// skip: a document no validator has seen is exactly what this test exists to prevent. Synchronous on purpose:
    /// the child runs and is waited for on a thread of its own (see `OpenAPIValidatorProcess`).
    @Test func documentPassesOpenAPISpecValidator() throws {
        let python = try #require(
            OpenAPIValidatorProcess.executable(named: "python3"),
            "python3 is not on PATH (\(ProcessInfo.processInfo.environment["PATH"] ?? "")); install it and `pip install openapi-spec-validator`"
        )
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("devmentor-openapi-\(UUID().lowercasedString).json")
        try OpenAPIDocument.json(version: "0.0.0-test").write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }

        let outcome = try OpenAPIValidatorProcess.run(
            python,
            ["-m", "openapi_spec_validator", "--schema", "3.1", "--validation-errors", "all", file.path],
            timeout: .seconds(120)
        )
        guard !outcome.timedOut else {
            Issue.record("openapi-spec-validator did not finish within 120 s:\n\(outcome.output)")
            return
        }
        guard !outcome.output.contains("No module named") else {
            Issue.record("the Python module openapi_spec_validator is missing for \(python.path): `pip install openapi-spec-validator`\n\(outcome.output)")
            return
        }
        let accepted = outcome.status == 0 && outcome.output.contains(": OK")
        #expect(accepted, "openapi-spec-validator rejected the document (exit status \(outcome.status)):\n\(outcome.output)")
    }
}

// MARK: - Samples

/// One DTO value whose JSON is checked against its schema. `complete` samples set every optional field; `minimal`
/// ones leave every optional unset.
struct OpenAPISchemaSample: Sendable, CustomTestStringConvertible {
    enum Kind: String, Sendable {
        case complete
        case minimal
    }

    let component: String
    let kind: Kind
    let encode: @Sendable () throws -> Data
    let decode: @Sendable (Data) throws -> Void

    var testDescription: String { "\(component) (\(kind.rawValue))" }

    /// Named as the catalog names the type's component; nested types (`Saga.Step`) pass their name.
    static func complete<T: Codable & Sendable>(_ value: T, as component: String? = nil) -> OpenAPISchemaSample {
        make(value, component, .complete)
    }

    static func minimal<T: Codable & Sendable>(_ value: T, as component: String? = nil) -> OpenAPISchemaSample {
        make(value, component, .minimal)
    }

    private static func make<T: Codable & Sendable>(_ value: T, _ component: String?, _ kind: Kind) -> OpenAPISchemaSample {
        OpenAPISchemaSample(
            component: component ?? SchemaCatalog.componentName(forTypeName: TypeName.of(T.self)),
            kind: kind,
            encode: { try JSONCoding.makeEncoder().encode(value) },
            decode: { _ = try JSONCoding.makeDecoder().decode(T.self, from: $0) }
        )
    }

    /// Schemas with a property that is optional when read but always written, so no value of the DTO leaves it out:
    /// `SimilaritySearchRequest.limit` defaults to 10 when a request omits it.
    static let optionalOnlyOnInput: Set<String> = ["SimilaritySearchRequest"]

    static let all: [OpenAPISchemaSample] = common + auth + projects + ai + learning + memory

    private typealias V = OpenAPISampleValues

    static let common: [OpenAPISchemaSample] = [
        .complete(ErrorBody(AppError.validation("name", "name must be 1 to 200 characters long."), requestId: "req-1")),
        .complete(ErrorBody.Payload(code: "NOT_FOUND", message: "Gone.", requestId: "req-2", details: ["field": .string("id")]), as: "ErrorBody.Payload"),
        .minimal(ErrorBody.Payload(code: "INTERNAL", message: "Oops.", requestId: nil, details: nil), as: "ErrorBody.Payload"),
        .complete(HealthReport(services: ["auth": .ok, "projects": .down])),
        .complete(CircuitBreakerStatus(name: "projects", state: .open, failureRate: 0.75, calls: 20, openedAt: V.date)),
        .minimal(CircuitBreakerStatus(name: "auth", state: .closed, failureRate: 0, calls: 0)),
        .complete(EventEnvelope(
            id: V.id1, type: EventType.projectCreated.rawValue, source: "projects", occurredAt: V.date, subject: V.id2.lowercasedString,
            actorId: V.userId, data: .object(["audience": .array([.string(V.userId.lowercasedString)])]),
            traceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
        )),
        .minimal(EventEnvelope(id: V.id1, type: "auth.token_revoked", source: "auth", occurredAt: V.date, subject: "jti", actorId: nil, data: .null)),
        .complete(EventTicket(ticket: String(repeating: "a", count: 43), expiresAt: V.date)),
        .complete(FeedClientMessage(type: .subscribe, projectId: V.id2)),
        .complete(FeedServerMessage(
            type: .event, id: "1700000000000-0",
            event: EventEnvelope(id: V.id1, type: "project.claimed", source: "projects", occurredAt: V.date, subject: V.id2.lowercasedString, actorId: V.userId, data: .null),
            projectId: V.id2, subscriptions: [V.id2],
            error: ErrorBody.Payload(code: "VALIDATION_FAILED", message: "bad", requestId: nil, details: nil)
        )),
        .minimal(FeedServerMessage(type: .connected)),
    ]

    static let auth: [OpenAPISchemaSample] = [
        .complete(V.user),
        .complete(RegisterResponse(user: V.user)),
        .complete(UserProfile(id: V.userId, displayName: "Ada")),
        .complete(AuthToken(accessToken: "eyJ.a.b", refreshToken: "r1", expiresIn: 900, sessionId: V.id1)),
        .complete(TokenValidation(valid: true, userId: V.userId, sessionId: V.id1, expiresAt: V.date, reason: "ok", roles: ["user"])),
        .minimal(TokenValidation(valid: false)),
        .complete(Session(id: V.id1, userId: V.userId, createdAt: V.date, expiresAt: V.later)),
        .complete(SessionValidity(valid: true)),
        .complete(JWKSet(keys: [V.jwk])),
        .complete(V.jwk, as: "JWKSet.Key"),
        .complete(RegisterRequest(email: "ada@example.com", password: "correct horse", displayName: "Ada")),
        .complete(LoginRequest(email: "ada@example.com", password: "correct horse")),
        .complete(RefreshRequest(refreshToken: "r1")),
        .complete(TokenRequest(token: "eyJ.a.b")),
    ]

    static let projects: [OpenAPISchemaSample] = [
        .complete(V.project),
        .minimal(Project(id: V.id1, name: "Bare", ownerId: V.userId, createdAt: V.date, updatedAt: V.date)),
        .complete(Page(items: [V.project], nextCursor: "c2")),
        .minimal(Page<Project>(items: [])),
        .complete(ProjectLock(holderId: V.userId, expiresAt: V.later)),
        .complete(ClaimToken(id: V.id2, projectId: V.id1, userId: V.userId, fencingToken: 7, expiresAt: V.later)),
        .complete(LockStatus(locked: true, holderId: V.userId, expiresAt: V.later)),
        .minimal(LockStatus.unlocked),
        .complete(ProjectWithAnalysis(project: V.project, analysis: V.analysis, sagaId: V.id3)),
        .complete(Saga(id: V.id3, name: "create-project-with-analysis", status: .compensated, steps: [V.failedStep])),
        .complete(V.failedStep, as: "Saga.Step"),
        .minimal(Saga.Step(name: "analyze", status: .pending), as: "Saga.Step"),
        .complete(CreateProjectRequest(name: "DevMentor", description: "A mentor.")),
        .minimal(CreateProjectRequest(name: "DevMentor")),
        .complete(UpdateProjectRequest(name: "Renamed", description: "New.", status: .archived)),
        .minimal(UpdateProjectRequest()),
        .complete(ClaimRequest(ttlSeconds: 60)),
        .minimal(ClaimRequest()),
        .complete(AddCollaboratorRequest(userId: V.userId)),
        .complete(CreateProjectWithAnalysisRequest(name: "P", description: "D", code: "let x = 1", language: "swift")),
        .minimal(CreateProjectWithAnalysisRequest(name: "P", code: "let x = 1")),
    ]

    static let ai: [OpenAPISchemaSample] = [
        .complete(V.analysis),
        .complete(V.analysis.metrics),
        .complete(V.finding),
        .minimal(Finding(agent: "documentation", type: .suggestion, severity: .low, message: "Document it.", confidence: 0.5)),
        .complete(V.analysis.solution),
        .complete(Suggestion(title: "Split", detail: "Extract a function.", priority: .high, line: 3)),
        .minimal(Suggestion(title: "Name", detail: "Rename x.", priority: .low)),
        .complete(Blackboard(id: V.id1, status: .open, createdAt: V.date)),
        .complete(BlackboardDetail(
            id: V.id1, status: .solved, problem: BlackboardProblem(code: "x", context: "y"), contributions: [V.contribution], createdAt: V.date
        )),
        .complete(BlackboardProblem(code: "let x = 1", context: "A counter.", language: "swift")),
        .minimal(BlackboardProblem()),
        .complete(V.contribution),
        .complete(BlackboardRunResult(contributions: 5)),
        .complete(Conversation(id: V.id1, createdAt: V.date)),
        .complete(SendMessageResponse(message: ChatMessage(role: .assistant, content: "Hi."))),
        .complete(ChatMessage(role: .user, content: "Hello?")),
        .complete(StreamEvent.token("Hel")),
        .complete(StreamEvent.done(tokens: 3)),
        .complete(ProviderStatus(name: "local", state: .closed, priority: 2, healthy: true)),
        .complete(AnalyzeCodeRequest(code: "let x = 1", language: "swift", context: "A constant.")),
        .minimal(AnalyzeCodeRequest(code: "let x = 1")),
        .complete(SuggestionsRequest(code: "let x = 1", goal: "readability")),
        .minimal(SuggestionsRequest(code: "let x = 1")),
        .complete(CreateBlackboardRequest(problem: BlackboardProblem(code: "let x = 1"))),
        .complete(Knowledge(source: "me", type: .insight, confidence: 0.4, data: .object(["note": .string("hm")]))),
        .complete(SendMessageRequest(content: "Explain this.")),
    ]

    static let learning: [OpenAPISchemaSample] = [
        .complete(LearningPath(userId: V.userId, modules: [V.module])),
        .complete(V.module, as: "LearningPath.Module"),
        .complete(QuizSummary(id: V.id1, title: "Basics", moduleId: V.id2)),
        .complete(Quiz(id: V.id1, title: "Basics", moduleId: V.id2, questions: [V.question])),
        .complete(V.question, as: "Quiz.Question"),
        .complete(QuizResult(correct: 3, total: 4, mistakes: [V.mistake], nextReviewAt: V.later)),
        .minimal(QuizResult(correct: 4, total: 4)),
        .complete(V.mistake, as: "QuizResult.Mistake"),
        .complete(Recommendation(moduleId: V.id2, reason: "Failed quiz.", priority: .medium, kind: .failedQuiz, quizId: V.id1, dueAt: V.later)),
        .minimal(Recommendation(moduleId: V.id2, reason: "Next.", priority: .low, kind: .nextModule)),
        .complete(AgentStatus(name: "progress", state: .idle, processed: 10, mailbox: 0, mailboxCapacity: 64, failed: 1, lastError: "boom", capabilities: ["learning.path"])),
        .minimal(AgentStatus(name: "progress", state: .idle, processed: 10, mailbox: 0, mailboxCapacity: 64)),
        .complete(UpdateProgressRequest(moduleId: V.id2, progress: 50, allowDecrease: true)),
        .minimal(UpdateProgressRequest(moduleId: V.id2, progress: 50)),
        .complete(SubmitAnswersRequest(answers: [QuizAnswer(questionId: V.id3, choice: 1)])),
        .complete(QuizAnswer(questionId: V.id3, choice: 0)),
    ]

    static let memory: [OpenAPISchemaSample] = [
        .complete(MemoryEntry(key: "cache:a", data: .array([.number(1), .bool(true)]), expiresAt: V.later)),
        .minimal(MemoryEntry(key: "cache:b", data: .null)),
        .complete(SimilarityMatch(id: V.id1, score: 0.93, metadata: .object(["label": .string("x")]))),
        .complete(MemoryKeyInfo(key: "cache:a", expiresAt: V.later)),
        .minimal(MemoryKeyInfo(key: "cache:b")),
        .complete(Page(items: [MemoryKeyInfo(key: "cache:a", expiresAt: V.later)], nextCursor: "v1.17.3")),
        .minimal(Page<MemoryKeyInfo>(items: [])),
        .complete(InvalidateResult(deleted: 2)),
        .complete(StoreValueRequest(data: .string("v"), ttlSeconds: 60)),
        .minimal(StoreValueRequest(data: .null)),
        .complete(StoreEmbeddingRequest(vector: [0.1, 0.2], metadata: .object(["k": .string("v")]))),
        .minimal(StoreEmbeddingRequest(vector: [1])),
        .complete(SimilaritySearchRequest(vector: [0.1, 0.2], limit: 5)),
        .complete(InvalidateRequest(pattern: "cache:*")),
    ]
}

/// The values the samples are built from.
private enum OpenAPISampleValues {
    static let date = Date(timeIntervalSince1970: 1_769_860_800)
    static let later = date.addingTimeInterval(300)
    static let id1 = UUID(uuidString: "6F9619FF-8B86-4011-B42D-00C04FC96401")!
    static let id2 = UUID(uuidString: "6F9619FF-8B86-4011-B42D-00C04FC96402")!
    static let id3 = UUID(uuidString: "6F9619FF-8B86-4011-B42D-00C04FC96403")!
    static let userId = UUID(uuidString: "6F9619FF-8B86-4011-B42D-00C04FC964AA")!

    static let user = User(id: userId, email: "ada@example.com", displayName: "Ada", roles: ["user", "admin"], createdAt: date)
    static let jwk = JWKSet.Key(x: "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo", kid: "key-1")
    static let project = Project(
        id: id1, name: "DevMentor", description: "A mentor.", ownerId: userId, collaborators: [id2], status: .active, version: 3,
        createdAt: date, updatedAt: later, lock: ProjectLock(holderId: id2, expiresAt: later)
    )
    static let finding = Finding(agent: "security", type: .warning, severity: .high, message: "Secret in code.", line: 4, confidence: 0.9, ruleId: .hardcodedSecret)
    static let analysis = CodeAnalysis(
        id: id3, summary: "Small.",
        metrics: CodeMetrics(lines: 12, functions: 2, maxNesting: 3, commentLines: 1, blankLines: 2, cyclomaticComplexity: 4),
        findings: [finding],
        solution: Solution(blackboardId: id2, summary: "Fine.", recommendations: ["Test it."], confidence: 0.8, contributors: ["security"])
    )
    static let failedStep = Saga.Step(name: "analyze", status: .failed, startedAt: date, finishedAt: later, error: "AI gateway timed out.")
    static let contribution = Contribution(id: id2, source: "security", type: .warning, confidence: 0.7, data: .string("x"), timestamp: date)
    static let module = LearningPath.Module(id: id2, title: "Swift basics", status: .inProgress, progress: 40)
    static let question = Quiz.Question(id: id3, text: "What is 1 + 1?", choices: ["1", "2"])
    static let mistake = QuizResult.Mistake(questionId: id3, choice: 0, correctChoice: 1, explanation: "One and one make two.")
}

// MARK: - Checking a value against a schema

/// The subset of JSON Schema the catalog uses, checked strictly: objects with `properties` may not hold other keys,
/// because a DTO writing a key its schema lacks is exactly the drift the samples are here to catch.
struct OpenAPISchemaChecker {
    let schemas: [String: JSONValue]

    /// The properties and required keys of the object schema `value` is checked against (the fitting `oneOf` branch).
    func objectSchema(of value: JSONValue, in schema: JSONValue) -> (properties: Set<String>, required: Set<String>)? {
        let schema = resolved(schema)
        if let alternatives = schema.openAPIField("oneOf")?.openAPIItems {
            return alternatives.first { problems(of: value, against: $0, at: "").isEmpty }.flatMap { objectSchema(of: value, in: $0) }
        }
        guard let properties = schema.openAPIField("properties")?.openAPIFields else { return nil }
        let required = schema.openAPIField("required")?.openAPIItems?.compactMap(\.openAPIString) ?? []
        return (Set(properties.keys), Set(required))
    }

    func problems(of value: JSONValue, against schema: JSONValue, at path: String) -> [String] {
        if let reference = schema.openAPIField("$ref")?.openAPIString {
            let name = String(reference.dropFirst(OpenAPISchema.componentsPrefix.count))
            guard let target = schemas[name] else { return ["\(path): unresolved \(reference)"] }
            return problems(of: value, against: target, at: path)
        }
        if let alternatives = schema.openAPIField("anyOf")?.openAPIItems,
           !alternatives.contains(where: { problems(of: value, against: $0, at: path).isEmpty }) {
            return ["\(path): fits none of anyOf"]
        }
        if let alternatives = schema.openAPIField("oneOf")?.openAPIItems {
            let fitting = alternatives.filter { problems(of: value, against: $0, at: path).isEmpty }.count
            if fitting != 1 { return ["\(path): fits \(fitting) branches of oneOf, not one"] }
        }

        var found: [String] = []
        if let type = schema.openAPIField("type") {
            let allowed = type.openAPIItems?.compactMap(\.openAPIString) ?? [type.openAPIString].compactMap { $0 }
            if !allowed.contains(where: { Self.value(value, hasType: $0) }) {
                found.append("\(path): \(value) is not of type \(allowed)")
            }
        }
        if let allowed = schema.openAPIField("enum")?.openAPIItems, !allowed.contains(value) {
            found.append("\(path): \(value) is not one of \(allowed)")
        }
        if let constant = schema.openAPIField("const"), constant != value {
            found.append("\(path): \(value) is not \(constant)")
        }

        switch value {
        case .string(let text):
            if let minimum = schema.openAPIInt("minLength"), text.count < minimum { found.append("\(path): shorter than \(minimum)") }
            if let maximum = schema.openAPIInt("maxLength"), text.count > maximum { found.append("\(path): longer than \(maximum)") }
            switch schema.openAPIField("format")?.openAPIString {
            case "uuid" where UUID(uuidString: text) == nil: found.append("\(path): \(text) is not a UUID")
            case "date-time" where ISO8601DateFormatter().date(from: text) == nil: found.append("\(path): \(text) is not a date-time")
            default: break
            }
        case .number(let number):
            if case .number(let minimum)? = schema.openAPIField("minimum"), number < minimum { found.append("\(path): below \(minimum)") }
            if case .number(let maximum)? = schema.openAPIField("maximum"), number > maximum { found.append("\(path): above \(maximum)") }
        case .array(let items):
            if let minimum = schema.openAPIInt("minItems"), items.count < minimum { found.append("\(path): fewer than \(minimum) items") }
            if let maximum = schema.openAPIInt("maxItems"), items.count > maximum { found.append("\(path): more than \(maximum) items") }
            if let itemSchema = schema.openAPIField("items") {
                for (index, item) in items.enumerated() {
                    found += problems(of: item, against: itemSchema, at: "\(path)[\(index)]")
                }
            }
        case .object(let fields):
            let properties = schema.openAPIField("properties")?.openAPIFields
            let additional = schema.openAPIField("additionalProperties")
            for (key, field) in fields {
                if let property = properties?[key] {
                    found += problems(of: field, against: property, at: "\(path).\(key)")
                } else if let additional {
                    found += problems(of: field, against: additional, at: "\(path).\(key)")
                } else if properties != nil {
                    found.append("\(path): key \(key) is not in the schema")
                }
            }
            for key in schema.openAPIField("required")?.openAPIItems?.compactMap(\.openAPIString) ?? [] where fields[key] == nil {
                found.append("\(path): required key \(key) is missing")
            }
        case .null, .bool:
            break
        }
        return found
    }

    private func resolved(_ schema: JSONValue) -> JSONValue {
        guard let reference = schema.openAPIField("$ref")?.openAPIString else { return schema }
        return schemas[String(reference.dropFirst(OpenAPISchema.componentsPrefix.count))].map(resolved) ?? schema
    }

    private static func value(_ value: JSONValue, hasType type: String) -> Bool {
        switch (type, value) {
        case ("string", .string), ("boolean", .bool), ("array", .array), ("object", .object), ("null", .null), ("number", .number):
            true
        case ("integer", .number(let number)):
            number.rounded() == number
        default:
            false
        }
    }
}

// MARK: - Running the validator

/// Runs a child process to completion and collects its output. `Process` gives the child the calling thread's signal
/// mask, and threads of the Swift concurrency pool block nearly all signals (a bash wrapper such as pyenv's python3
/// shim can then hang waiting for its own child); and `waitUntilExit()` spins a run loop that must not occupy a pool
/// thread. So the child is started and awaited on a fresh thread with an empty mask, and the test only waits for
/// that thread.
enum OpenAPIValidatorProcess {
    struct Outcome {
        var status: Int32
        var output: String
        var timedOut: Bool
    }

    /// What the thread hands back; written before `done` is signalled and read only after it.
    private final class Result: @unchecked Sendable {
        var output = Data()
        var status: Int32 = -1
        var error: (any Error)?
    }

    /// The validator quotes the whole document in some messages; long lines are cut so a failure stays readable.
    private static func readable(_ output: String) -> String {
        output.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.count > 600 ? $0.prefix(600) + " …" : String($0) }
            .joined(separator: "\n")
    }

    static func executable(named name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").lazy
            .map { URL(fileURLWithPath: String($0)).appendingPathComponent(name) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    static func run(_ executable: URL, _ arguments: [String], timeout: Duration) throws -> Outcome {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice

        let result = Result()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            var none = sigset_t()
            sigemptyset(&none)
            pthread_sigmask(SIG_SETMASK, &none, nil)
            do {
                try process.run()
                // Read to the end before waiting: a child blocked on a full pipe would never exit.
                result.output = pipe.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                result.status = process.terminationStatus
            } catch {
                result.error = error
            }
            done.signal()
        }
        thread.start()

        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        var timedOut = false
        if done.wait(timeout: .now() + seconds) == .timedOut {
            timedOut = true
            // Our own child; SIGKILL cannot be ignored, so the reading thread gets its end of file and finishes.
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            done.wait()
        }
        if let error = result.error { throw error }
        return Outcome(status: result.status, output: readable(String(decoding: result.output, as: UTF8.self)), timedOut: timedOut)
    }
}

// MARK: - Reading JSONValue

extension JSONValue {
    fileprivate var openAPIFields: [String: JSONValue]? {
        if case .object(let fields) = self { return fields }
        return nil
    }

    fileprivate var openAPIItems: [JSONValue]? {
        if case .array(let items) = self { return items }
        return nil
    }

    fileprivate var openAPIString: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    fileprivate func openAPIField(_ key: String) -> JSONValue? {
        openAPIFields?[key]
    }

    fileprivate func openAPIInt(_ key: String) -> Int? {
        if case .number(let number)? = openAPIField(key) { return Int(exactly: number) }
        return nil
    }
}
