import Contracts
import Coordination
import Foundation

/// What an event of another service means for learners. Pure: decoding and mapping only, the listener applies it.
public enum FleetReaction: Sendable, Equatable {
    /// An analysis of `userId`'s code found these rules; the modules teaching them rise in that user's
    /// recommendations.
    case findings(userId: UUID, analysisId: UUID, occurredAt: Date, counts: [RuleID: Int])
    /// Project activity opens practice modules for the users it concerns.
    case unlock(eventType: EventType, users: [UUID], moduleIds: [UUID], projectId: UUID, projectName: String, occurredAt: Date)
    /// Nothing to do (a type the curriculum does not react to).
    case ignore

    /// Throws `UnprocessableEvent` when the envelope's data does not fit its type, so the consumer dead-letters it
    /// at once.
    public static func reaction(to envelope: EventEnvelope, curriculum: Curriculum) throws(UnprocessableEvent) -> FleetReaction {
        guard let type = envelope.eventType else { return .ignore }
        switch type {
        case .aiAnalysisCompleted:
            let data: AnalysisCompletedData
            do {
                data = try envelope.decodeData(as: AnalysisCompletedData.self)
            } catch {
                throw UnprocessableEvent("\(type.rawValue) \(envelope.id.lowercasedString) has data that is not AnalysisCompletedData: \(error)")
            }
            guard let userId = data.userId ?? envelope.actorId else {
                throw UnprocessableEvent("\(type.rawValue) \(envelope.id.lowercasedString) names no user (neither data.userId nor actorId)")
            }
            return .findings(userId: userId, analysisId: data.analysisId, occurredAt: envelope.occurredAt, counts: data.knownRuleCounts)

        case .projectCreated, .projectClaimed, .projectCollaboratorAdded:
            let modules = curriculum.modules(unlockedBy: type)
            guard !modules.isEmpty else { return .ignore }
            let data: ProjectEventData
            do {
                data = try envelope.decodeData(as: ProjectEventData.self)
            } catch {
                throw UnprocessableEvent("\(type.rawValue) \(envelope.id.lowercasedString) has data that is not ProjectEventData: \(error)")
            }
            let users: [UUID] = switch type {
            case .projectCreated: [envelope.actorId ?? data.ownerId]
            case .projectClaimed: [data.claim?.userId ?? envelope.actorId].compactMap { $0 }
            default: [data.collaboratorId].compactMap { $0 }
            }
            guard !users.isEmpty else {
                throw UnprocessableEvent("\(type.rawValue) \(envelope.id.lowercasedString) names no user it concerns")
            }
            return .unlock(
                eventType: type, users: users, moduleIds: modules.map(\.id), projectId: data.projectId, projectName: data.name,
                occurredAt: envelope.occurredAt
            )

        default:
            return .ignore
        }
    }
}
