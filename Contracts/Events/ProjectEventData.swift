import Foundation

/// The `data` of every `project.*` event: the project as it is after the change, plus what the change was about.
public struct ProjectEventData: Codable, Sendable, Equatable {
    public var projectId: UUID
    public var name: String
    public var ownerId: UUID
    public var collaborators: [UUID]
    public var status: ProjectStatus
    public var version: Int
    /// The claim granted (`project.claimed`) or released (`project.released`).
    public var claim: ClaimToken?
    /// The user added (`project.collaborator_added`) or removed (`project.collaborator_removed`).
    public var collaboratorId: UUID?
    /// Who may see the event: owner, collaborators and the added or removed collaborator.
    public var audience: [UUID]

    public init(project: Project, claim: ClaimToken? = nil, collaboratorId: UUID? = nil) {
        projectId = project.id
        name = project.name
        ownerId = project.ownerId
        collaborators = project.collaborators
        status = project.status
        version = project.version
        self.claim = claim
        self.collaboratorId = collaboratorId
        var audience = [project.ownerId]
        for id in project.collaborators + [collaboratorId].compactMap({ $0 }) where !audience.contains(id) {
            audience.append(id)
        }
        self.audience = audience
    }
}
