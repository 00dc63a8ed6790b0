import Contracts
import Foundation

/// The projects service's routes under `/api/v1/projects` (docs/api.md). The claim id travels as `X-Claim-Token`, the
/// expected version as `If-Match`, both spelled by `ProjectHeaders` like the server reads them.
extension DevMentorClient: ProjectService {
    private static let projects = "/api/v1/projects"

    private static func project(_ id: UUID) -> String { "\(projects)/\(id.lowercasedString)" }

    public func create(_ request: CreateProjectRequest, caller: Caller) async throws -> Project {
        try await transport.fetch(.POST, Self.projects, caller: caller, body: request)
    }

    public func findById(_ id: UUID, caller: Caller) async throws -> Project {
        try await transport.fetch(.GET, Self.project(id), caller: caller)
    }

    public func list(_ page: PageRequest, caller: Caller) async throws -> Page<Project> {
        var query = [("limit", String(page.limit))]
        if let cursor = page.cursor { query.append(("cursor", cursor)) }
        return try await transport.fetch(.GET, Self.projects, query: query, caller: caller)
    }

    public func update(_ id: UUID, _ request: UpdateProjectRequest, claimToken: UUID?, expectedVersion: Int?, caller: Caller) async throws -> Project {
        var headers: [(String, String)] = []
        if let claimToken { headers.append((ProjectHeaders.claimToken, claimToken.lowercasedString)) }
        if let expectedVersion { headers.append((ProjectHeaders.ifMatch, ProjectHeaders.entityTag(version: expectedVersion))) }
        return try await transport.fetch(.PATCH, Self.project(id), headers: headers, caller: caller, body: request)
    }

    public func delete(_ id: UUID, caller: Caller) async throws {
        try await transport.send(.DELETE, Self.project(id), caller: caller)
    }

    public func claim(_ id: UUID, _ request: ClaimRequest, caller: Caller) async throws -> ClaimToken {
        try await transport.fetch(.POST, "\(Self.project(id))/claim", caller: caller, body: request)
    }

    public func renewClaim(_ id: UUID, claimToken: UUID, caller: Caller) async throws -> ClaimToken {
        try await transport.fetch(.POST, "\(Self.project(id))/claim/renew", headers: [(ProjectHeaders.claimToken, claimToken.lowercasedString)], caller: caller)
    }

    public func release(_ id: UUID, claimToken: UUID, caller: Caller) async throws {
        try await transport.send(.DELETE, "\(Self.project(id))/claim", headers: [(ProjectHeaders.claimToken, claimToken.lowercasedString)], caller: caller)
    }

    public func isLocked(_ id: UUID, caller: Caller) async throws -> LockStatus {
        try await transport.fetch(.GET, "\(Self.project(id))/lock", caller: caller)
    }

    public func addCollaborator(_ id: UUID, _ request: AddCollaboratorRequest, caller: Caller) async throws {
        try await transport.send(.POST, "\(Self.project(id))/collaborators", caller: caller, body: request)
    }

    public func removeCollaborator(_ id: UUID, userId: UUID, caller: Caller) async throws {
        try await transport.send(.DELETE, "\(Self.project(id))/collaborators/\(userId.lowercasedString)", caller: caller)
    }

    public func createWithAnalysis(_ request: CreateProjectWithAnalysisRequest, caller: Caller) async throws -> ProjectWithAnalysis {
        try await transport.fetch(.POST, "\(Self.projects)/with-analysis", caller: caller, body: request)
    }

    public func saga(_ id: UUID, caller: Caller) async throws -> Saga {
        try await transport.fetch(.GET, "\(Self.projects)/sagas/\(id.lowercasedString)", caller: caller)
    }
}
