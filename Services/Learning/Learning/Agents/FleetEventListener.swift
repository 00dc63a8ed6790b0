import Contracts
import Coordination
import Foundation

/// The agent that reacts to the fleet: the learning service's `EventConsumer` (group `learning`, streams
/// `events:ai` and `events:projects`) hands it every event, and waits until it is applied before acknowledging —
/// so a full mailbox holds the consumer back instead of piling events up in memory, and a crash before the
/// acknowledgement means redelivery, not loss. Effects are idempotent by event id (`applied_events`, in the
/// effects' own transaction).
public actor FleetEventListener {
    public static let name = "event-listener"
    /// The event types with an effect (`FleetReaction`), and the only ones the consumer hands over
    /// (`EventConsumerConfiguration.eventTypes`): any other type is acknowledged unread. One that reaches the
    /// listener anyway (an entry without a `type` field) is acknowledged here and counted as ignored.
    public static let reactsTo: [EventType] = [.aiAnalysisCompleted, .projectCreated, .projectClaimed, .projectCollaboratorAdded]

    public nonisolated let mailbox: Mailbox
    nonisolated let curriculum: Curriculum
    nonisolated let repository: any LearningRepository

    /// Per outcome: `applied`, `duplicate`, `ignored`, `unprocessable`.
    private(set) var outcomes: [String: Int] = [:]

    public init(curriculum: Curriculum, repository: any LearningRepository, mailboxCapacity: Int) {
        self.curriculum = curriculum
        self.repository = repository
        mailbox = Mailbox(name: Self.name, capacity: mailboxCapacity, capabilities: Self.reactsTo.map(\.rawValue))
    }

    /// Applies one event. Throws `UnprocessableEvent` for an event that can never be applied (dead-lettered at
    /// once) and other errors for failures worth a retry (the database is away).
    public nonisolated func handle(_ envelope: EventEnvelope) async throws {
        try await mailbox.perform { [curriculum, repository] in
            let reaction: FleetReaction
            do {
                reaction = try FleetReaction.reaction(to: envelope, curriculum: curriculum)
            } catch {
                await self.note("unprocessable")
                throw error
            }
            let applied: Bool
            switch reaction {
            case .ignore:
                await self.note("ignored")
                return
            case .findings(let userId, let analysisId, let occurredAt, let counts):
                applied = try await repository.applyFindings(
                    eventId: envelope.id, userId: userId, analysisId: analysisId, occurredAt: occurredAt, counts: counts
                )
            case .unlock(let type, let users, let moduleIds, let projectId, let projectName, let occurredAt):
                applied = try await repository.applyUnlocks(
                    eventId: envelope.id, eventType: type, users: users, moduleIds: moduleIds, projectId: projectId,
                    projectName: projectName, occurredAt: occurredAt
                )
            }
            await self.note(applied ? "applied" : "duplicate")
        }
    }

    /// How many events ended each way since start.
    public func counts() -> [String: Int] { outcomes }

    private func note(_ outcome: String) {
        outcomes[outcome, default: 0] += 1
    }
}
