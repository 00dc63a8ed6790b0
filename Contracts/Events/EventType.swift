import Foundation

/// Every domain event type of the fleet. The raw value is the envelope's `type` and the SSE `event:` name of
/// `/api/v1/events`. The part before the dot names the aggregate; `source` is the service that emits it.
public enum EventType: String, Codable, Sendable, CaseIterable {
    case projectCreated = "project.created"
    case projectUpdated = "project.updated"
    case projectClaimed = "project.claimed"
    case projectReleased = "project.released"
    case projectDeleted = "project.deleted"
    case projectCollaboratorAdded = "project.collaborator_added"
    case projectCollaboratorRemoved = "project.collaborator_removed"

    case authUserRegistered = "auth.user_registered"
    case authSessionRevoked = "auth.session_revoked"
    case authTokenRevoked = "auth.token_revoked"

    case aiAnalysisCompleted = "ai.analysis_completed"

    case learningQuizCompleted = "learning.quiz_completed"

    /// The service that emits this type, whose stream (`events:<source>`) carries it.
    public var source: ServiceName {
        switch self {
        case .projectCreated, .projectUpdated, .projectClaimed, .projectReleased, .projectDeleted,
             .projectCollaboratorAdded, .projectCollaboratorRemoved:
            .projects
        case .authUserRegistered, .authSessionRevoked, .authTokenRevoked:
            .auth
        case .aiAnalysisCompleted:
            .ai
        case .learningQuizCompleted:
            .learning
        }
    }
}
