import Foundation
import Testing
import Contracts

@Suite("Events")
struct EventTests {
    @Test func everyEventTypeNameOfTheFleet() {
        let expected: Set<String> = [
            "project.created", "project.updated", "project.claimed", "project.released", "project.deleted",
            "project.collaborator_added", "project.collaborator_removed",
            "auth.user_registered", "auth.session_revoked", "auth.token_revoked",
            "ai.analysis_completed", "learning.quiz_completed",
        ]
        #expect(Set(EventType.allCases.map(\.rawValue)) == expected)
    }

    static let sources: [(EventType, ServiceName)] = [
        (.projectCreated, .projects), (.projectCollaboratorRemoved, .projects), (.authTokenRevoked, .auth),
        (.aiAnalysisCompleted, .ai), (.learningQuizCompleted, .learning),
    ]

    @Test("source of a type", arguments: sources)
    func source(type: EventType, source: ServiceName) {
        #expect(type.source == source)
    }

    @Test("type names are <aggregate>.<snake_case> with the aggregate of their source", arguments: EventType.allCases)
    func naming(type: EventType) {
        let parts = type.rawValue.split(separator: ".")
        #expect(parts.count == 2)
        #expect(parts.allSatisfy { $0.allSatisfy { $0.isLowercase || $0 == "_" } })
        let aggregate = parts.first.map(String.init) ?? ""
        #expect(type.source.rawValue.hasPrefix(aggregate))
    }

    @Test func streamNames() {
        #expect(EventStream.name(source: "projects") == "events:projects")
        #expect(EventStream.deadLetterName(source: "projects") == "events:projects:dead")
        #expect(EventStream.name(source: ServiceName.ai.rawValue) == "events:ai")
        #expect(EventStream.deadLetterName(source: ServiceName.learning.rawValue) == "events:learning:dead")
    }

    @Test func envelopeFromATypedPayload() throws {
        let project = Fixture.project
        let envelope = try EventEnvelope.make(
            .projectCollaboratorAdded, subject: project.id.lowercasedString, actorId: Fixture.userA,
            payload: ProjectEventData(project: project, collaboratorId: Fixture.userC),
            id: Fixture.thirdId, occurredAt: Fixture.date, traceparent: "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"
        )
        #expect(envelope.type == "project.collaborator_added")
        #expect(envelope.source == "projects")
        #expect(envelope.eventType == .projectCollaboratorAdded)
        #expect(envelope.occurredAt == Fixture.date && envelope.id == Fixture.thirdId)

        let data = try envelope.decodeData(as: ProjectEventData.self)
        #expect(data == ProjectEventData(project: project, collaboratorId: Fixture.userC))
        #expect(data.audience == [Fixture.userA, Fixture.userB, Fixture.userC])
        #expect(envelope.audience == [Fixture.userA, Fixture.userB, Fixture.userC])
        #expect(envelope.isVisible(to: Fixture.userC))

        try expectRoundTrip(envelope)
    }

    @Test func datesInPayloadsSurviveTheEnvelope() throws {
        let envelope = try EventEnvelope.make(
            .projectClaimed, subject: Fixture.projectId.lowercasedString, actorId: Fixture.userB,
            payload: ProjectEventData(project: Fixture.project, claim: Fixture.claim)
        )
        #expect(try envelope.decodeData(as: ProjectEventData.self).claim == Fixture.claim)
        guard case .object(let fields) = envelope.data, case .object(let claim)? = fields["claim"] else {
            Issue.record("claim is not an object in \(envelope.data)")
            return
        }
        #expect(claim["expiresAt"] == .string("2026-01-31T12:05:00Z"))
    }

    @Test func otherPayloadsRoundTripThroughEnvelopes() throws {
        let quiz = QuizCompletedData(quizId: Fixture.otherId, moduleId: Fixture.projectId, userId: Fixture.userA, result: QuizResult(correct: 3, total: 4))
        #expect(try EventEnvelope.make(.learningQuizCompleted, subject: Fixture.otherId.lowercasedString, actorId: Fixture.userA, payload: quiz).decodeData(as: QuizCompletedData.self) == quiz)
        let analysis = AnalysisCompletedData(Fixture.analysis, language: "swift")
        #expect(analysis.findings.count == 2 && analysis.analysisId == Fixture.analysis.id)
        #expect(try EventEnvelope.make(.aiAnalysisCompleted, subject: analysis.analysisId.lowercasedString, actorId: Fixture.userA, payload: analysis).decodeData(as: AnalysisCompletedData.self) == analysis)
        let revoked = TokenRevokedData(tokenId: "jti-1", userId: Fixture.userA, sessionId: Fixture.otherId, expiresAt: Fixture.later)
        #expect(try EventEnvelope.make(.authTokenRevoked, subject: "jti-1", actorId: Fixture.userA, payload: revoked).decodeData(as: TokenRevokedData.self) == revoked)
        try expectRoundTrip(UserRegisteredData(userId: Fixture.userA, displayName: "Ada"))
        try expectRoundTrip(SessionRevokedData(sessionId: Fixture.otherId, userId: Fixture.userA))
    }

    @Test func envelopeAlwaysWritesItsEightKeys() throws {
        let envelope = EventEnvelope(
            id: Fixture.thirdId, type: "project.deleted", source: "projects", occurredAt: Fixture.date,
            subject: Fixture.projectId.lowercasedString, actorId: nil, data: .object([:])
        )
        let object = try JSON.object(JSON.encode(envelope))
        #expect(Set(object.keys) == ["id", "type", "source", "occurredAt", "subject", "actorId", "data", "traceparent"])
        #expect(object["actorId"] is NSNull && object["traceparent"] is NSNull)
        #expect(object["occurredAt"] as? String == "2026-01-31T12:00:00Z")
        try expectRoundTrip(envelope)
    }

    @Test func unknownTypesStillDecode() throws {
        let json = """
            {"id":"5B8C7D6E-0000-4000-8000-000000000003","type":"billing.invoice_paid","source":"billing","occurredAt":"2026-01-31T12:00:00Z",
             "subject":"inv-1","actorId":null,"data":{"amount":12},"traceparent":null}
            """
        let envelope = try JSON.decode(EventEnvelope.self, json)
        #expect(envelope.eventType == nil)
        #expect(envelope.data == .object(["amount": .number(12)]))
        #expect(envelope.audience.isEmpty && !envelope.isVisible(to: Fixture.userA))
    }

    @Test func visibility() throws {
        let own = try EventEnvelope.make(.aiAnalysisCompleted, subject: "a", actorId: Fixture.userA, payload: AnalysisCompletedData(Fixture.analysis))
        #expect(own.isVisible(to: Fixture.userA) && !own.isVisible(to: Fixture.userB))
        let system = try EventEnvelope.make(.projectReleased, subject: "p", actorId: nil, payload: ProjectEventData(project: Fixture.project))
        #expect(system.isVisible(to: Fixture.userA) && system.isVisible(to: Fixture.userB) && !system.isVisible(to: Fixture.userC))
    }

    @Test func defaultTimestampHasWholeSeconds() throws {
        let envelope = try EventEnvelope.make(.authUserRegistered, subject: "u", actorId: nil, payload: UserRegisteredData(userId: Fixture.userA, displayName: "A"))
        #expect(envelope.occurredAt.timeIntervalSince1970.rounded(.down) == envelope.occurredAt.timeIntervalSince1970)
        #expect(abs(envelope.occurredAt.timeIntervalSinceNow) < 5)
        try expectRoundTrip(envelope)
    }
}
