import Contracts
import Foundation
import HTTPTypes
import Hummingbird
import ServiceKit

/// The routes of docs/api.md's projects section: read the path, headers and body, call `ProjectsCore`, encode.
struct ProjectsController {
    let core: ProjectsCore

    static let claimTokenHeader = HTTPField.Name(ProjectHeaders.claimToken)!
    static let ifMatchHeader = HTTPField.Name(ProjectHeaders.ifMatch)!

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post(use: create)
        group.get(use: list)
        group.post("/with-analysis", use: createWithAnalysis)
        group.get("/sagas/:sagaId", use: saga)
        group.get("/:id", use: find)
        group.patch("/:id", use: update)
        group.delete("/:id", use: delete)
        group.post("/:id/claim", use: claim)
        group.post("/:id/claim/renew", use: renewClaim)
        group.delete("/:id/claim", use: release)
        group.get("/:id/lock", use: lockStatus)
        group.post("/:id/collaborators", use: addCollaborator)
        group.delete("/:id/collaborators/:userId", use: removeCollaborator)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> ProjectResponse {
        let body = try await request.decodeValidated(CreateProjectRequest.self, context: context)
        return ProjectResponse(try await core.create(body, caller: try context.requireCaller()), status: .created)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> JSONBody<Page<Project>> {
        let query = request.uri.queryParameters
        let page = try PageRequest.parse(limit: query["limit"].map(String.init), cursor: query["cursor"].map(String.init))
        return JSONBody(try await core.list(page, caller: try context.requireCaller()))
    }

    @Sendable func find(_ request: Request, context: AppRequestContext) async throws -> ProjectResponse {
        let id = try context.parameters.uuid("id")
        return ProjectResponse(try await core.findById(id, caller: try context.requireCaller()))
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> ProjectResponse {
        let id = try context.parameters.uuid("id")
        let body = try await request.decodeValidated(UpdateProjectRequest.self, context: context)
        let claimToken = try request.headers[Self.claimTokenHeader].map { (value: String) throws(AppError) in try ProjectHeaders.parseClaimToken(value) }
        let expectedVersion = try request.headers[Self.ifMatchHeader].map { (value: String) throws(AppError) in try ProjectHeaders.parseIfMatch(value) }
        let project = try await core.update(id, body, claimToken: claimToken, expectedVersion: expectedVersion, caller: try context.requireCaller())
        return ProjectResponse(project)
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> HTTPResponse.Status {
        let id = try context.parameters.uuid("id")
        try await core.delete(id, caller: try context.requireCaller())
        return .noContent
    }

    /// The body is optional here: none means the default TTL.
    @Sendable func claim(_ request: Request, context: AppRequestContext) async throws -> JSONBody<ClaimToken> {
        let id = try context.parameters.uuid("id")
        var request = request
        let buffered = try await request.collectBody(upTo: HTTPLimits.maxBodyBytes)
        let body = buffered.readableBytes == 0 ? ClaimRequest() : try await request.decodeValidated(ClaimRequest.self, context: context)
        return JSONBody(try await core.claim(id, body, caller: try context.requireCaller()), status: .created)
    }

    @Sendable func renewClaim(_ request: Request, context: AppRequestContext) async throws -> JSONBody<ClaimToken> {
        let id = try context.parameters.uuid("id")
        let claimToken = try Self.requiredClaimToken(request)
        return JSONBody(try await core.renewClaim(id, claimToken: claimToken, caller: try context.requireCaller()))
    }

    @Sendable func release(_ request: Request, context: AppRequestContext) async throws -> HTTPResponse.Status {
        let id = try context.parameters.uuid("id")
        let claimToken = try Self.requiredClaimToken(request)
        try await core.release(id, claimToken: claimToken, caller: try context.requireCaller())
        return .noContent
    }

    @Sendable func lockStatus(_ request: Request, context: AppRequestContext) async throws -> JSONBody<LockStatus> {
        let id = try context.parameters.uuid("id")
        return JSONBody(try await core.isLocked(id, caller: try context.requireCaller()))
    }

    @Sendable func addCollaborator(_ request: Request, context: AppRequestContext) async throws -> HTTPResponse.Status {
        let id = try context.parameters.uuid("id")
        let body = try await request.decodeValidated(AddCollaboratorRequest.self, context: context)
        try await core.addCollaborator(id, body, caller: try context.requireCaller())
        return .noContent
    }

    @Sendable func removeCollaborator(_ request: Request, context: AppRequestContext) async throws -> HTTPResponse.Status {
        let id = try context.parameters.uuid("id")
        let userId = try context.parameters.uuid("userId")
        try await core.removeCollaborator(id, userId: userId, caller: try context.requireCaller())
        return .noContent
    }

    @Sendable func createWithAnalysis(_ request: Request, context: AppRequestContext) async throws -> JSONBody<ProjectWithAnalysis> {
        let body = try await request.decodeValidated(CreateProjectWithAnalysisRequest.self, context: context)
        return JSONBody(try await core.createWithAnalysis(body, caller: try context.requireCaller()), status: .created)
    }

    @Sendable func saga(_ request: Request, context: AppRequestContext) async throws -> JSONBody<Saga> {
        let id = try context.parameters.uuid("sagaId")
        return JSONBody(try await core.saga(id, caller: try context.requireCaller()))
    }

    /// Renew and release act on one claim, so they need to be told which: 428 without the header.
    static func requiredClaimToken(_ request: Request) throws(AppError) -> UUID {
        guard let value = request.headers[claimTokenHeader] else { throw AppError.claimRequired }
        return try ProjectHeaders.parseClaimToken(value)
    }
}
