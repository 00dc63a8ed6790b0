import Contracts
import Foundation
import Logging

/// The projects service in process: the `ProjectService` operations over the repository (Postgres: projects,
/// claims, outbox), the project locks (Redis) and the saga log. The HTTP routes and the contract tests both drive it.
public struct ProjectsCore: ProjectService {
    let repository: any ProjectRepository
    let locks: ProjectLocks
    let claims: ProjectClaims
    let sagaLog: SagaLog
    let analyzer: AIGatewayClient
    let logger: Logger

    /// A saga untouched this long is taken to have lost its process (the analysis call is capped far below it).
    static let abandonedSagaAge: TimeInterval = 900

    init(repository: any ProjectRepository, locks: ProjectLocks, sagaLog: SagaLog, analyzer: AIGatewayClient, logger: Logger) {
        self.repository = repository
        self.locks = locks
        self.claims = ProjectClaims(repository: repository, locks: locks, logger: logger)
        self.sagaLog = sagaLog
        self.analyzer = analyzer
        self.logger = logger
    }

    // MARK: ProjectService

    public func create(_ request: CreateProjectRequest, caller: Caller) async throws -> Project {
        try request.validate()
        let description = try request.description.map { (raw: String) throws(AppError) in try ProjectDescription(raw) } ?? .empty
        let project = ProjectAggregate.create(name: try ProjectName(request.name), description: description, owner: UserID(caller), now: Self.now())
        try await repository.insert(project)
        // A project nobody could have claimed yet: no lock to look up, so creating needs no Redis at all.
        return project.snapshot(lock: nil)
    }

    public func findById(_ id: UUID, caller: Caller) async throws -> Project {
        let project = try await visibleProject(ProjectID(id), to: UserID(caller))
        let lock = try await locks.holder(of: project.id).map(ProjectLocks.projectLock)
        return project.snapshot(lock: lock)
    }

    public func list(_ page: PageRequest, caller: Caller) async throws -> Page<Project> {
        try page.validate()
        let cursor = try page.cursor.map { (token: String) throws(AppError) in try ProjectCursor(token: token) }
        // One row more than asked for tells whether there is a next page without counting.
        let rows = try await repository.page(for: UserID(caller), after: cursor, limit: page.limit + 1)
        let items = Array(rows.prefix(page.limit))
        let lockById = try await locks.locks(of: items.map(\.id))
        let next = rows.count > page.limit ? items.last.map { ProjectCursor(after: $0).token } : nil
        return Page(items: items.map { $0.snapshot(lock: lockById[$0.id]) }, nextCursor: next)
    }

    public func update(_ id: UUID, _ request: UpdateProjectRequest, claimToken: UUID?, expectedVersion: Int?, caller: Caller) async throws -> Project {
        try request.validate()
        let changes = try ProjectChanges(request)
        let user = UserID(caller)
        let project = try await visibleProject(ProjectID(id), to: user)
        let claim = try await claims.requireLiveClaim(on: project, claimId: claimToken, by: user)
        let updated = try await repository.modify(project.id) { project in
            try project.update(changes, under: claim, expectedVersion: expectedVersion, by: user, now: Self.now())
            return project
        }
        return updated.snapshot(lock: ProjectLock(holderId: user.rawValue, expiresAt: claim.expiresAt))
    }

    public func delete(_ id: UUID, caller: Caller) async throws {
        let project = ProjectID(id)
        try await repository.modify(project) { project in try project.delete(by: UserID(caller), now: Self.now()) }
        // A deleted project's lock (and its fencing counter) must not outlive it, whoever holds it. After the commit,
        // so a delete that rolled back keeps its lock; should Redis be unreachable the lock still ends at its TTL, and
        // nothing can be done under it meanwhile (the project is gone).
        do {
            try await locks.forget(project)
        } catch {
            logger.warning("could not free a deleted project's lock", metadata: ["project_id": "\(project)", "error": "\(error)"])
        }
    }

    public func claim(_ id: UUID, _ request: ClaimRequest, caller: Caller) async throws -> ClaimToken {
        try request.validate()
        return try await claims.claim(ProjectID(id), ttlSeconds: request.effectiveTTLSeconds, by: UserID(caller))
    }

    public func renewClaim(_ id: UUID, claimToken: UUID, caller: Caller) async throws -> ClaimToken {
        try await claims.renew(ProjectID(id), claimId: claimToken, by: UserID(caller))
    }

    public func release(_ id: UUID, claimToken: UUID, caller: Caller) async throws {
        try await claims.release(ProjectID(id), claimId: claimToken, by: UserID(caller))
    }

    public func isLocked(_ id: UUID, caller: Caller) async throws -> LockStatus {
        try await claims.status(ProjectID(id), for: UserID(caller))
    }

    public func addCollaborator(_ id: UUID, _ request: AddCollaboratorRequest, caller: Caller) async throws {
        try request.validate()
        try await repository.modify(ProjectID(id)) { project in
            try project.addCollaborator(UserID(request.userId), by: UserID(caller), now: Self.now())
        }
    }

    public func removeCollaborator(_ id: UUID, userId: UUID, caller: Caller) async throws {
        let project = ProjectID(id)
        let removed = UserID(userId)
        let wasCollaborator = try await repository.modify(project) { project in
            let wasCollaborator = project.collaborators.contains(removed)
            try project.removeCollaborator(removed, by: UserID(caller), now: Self.now())
            return wasCollaborator
        }
        // Someone who is no longer a member cannot write (their writes answer 404), but their claim would still
        // keep everyone else out until its TTL: end it now.
        guard wasCollaborator else { return }
        do {
            try await locks.releaseAnyHolder(of: project, onlyIf: removed)
        } catch {
            logger.warning("could not free a removed collaborator's lock", metadata: ["project_id": "\(project)", "error": "\(error)"])
        }
    }

    public func createWithAnalysis(_ request: CreateProjectWithAnalysisRequest, caller: Caller) async throws -> ProjectWithAnalysis {
        try await creationSaga.run(request, caller: caller)
    }

    public func saga(_ id: UUID, caller: Caller) async throws -> Saga {
        guard let saga = try await sagaLog.find(id, startedBy: caller.userId) else { throw AppError.notFound("The saga") }
        return saga
    }

    // MARK: Maintenance

    /// Finishes the sagas whose process stopped half-way (see `ProjectCreationSaga.recover`). Run at start; a
    /// failure is logged and retried at the next start rather than keeping the service down.
    func recoverAbandonedSagas() async {
        do {
            let unfinished = try await sagaLog.takeOverUnfinished(untouchedSince: Date().addingTimeInterval(-Self.abandonedSagaAge))
            for saga in unfinished {
                try await creationSaga.recover(saga)
                logger.info("finished an abandoned saga", metadata: ["saga_id": "\(saga.id)"])
            }
        } catch {
            logger.warning("could not finish abandoned sagas", metadata: ["error": "\(error)"])
        }
    }

    // MARK: Helpers

    private var creationSaga: ProjectCreationSaga {
        ProjectCreationSaga(log: sagaLog, projects: self, analyzer: analyzer, logger: logger)
    }

    private func visibleProject(_ id: ProjectID, to user: UserID) async throws -> ProjectAggregate {
        guard let project = try await repository.find(id), project.isMember(user) else { throw ProjectAggregate.notFound }
        return project
    }

    private static func now() -> Date { Date().wholeSeconds }
}
