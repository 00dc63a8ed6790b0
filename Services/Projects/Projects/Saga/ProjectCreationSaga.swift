import Contracts
import Foundation
import Logging

/// `POST /with-analysis`: create the project, then have the AI gateway analyze the code. The two steps span two
/// services, so no transaction can hold them; instead each step is logged as it runs, and when the analysis fails
/// the project is deleted again (compensation) and the caller gets 502 `SAGA_FAILED` naming the saga.
struct ProjectCreationSaga: Sendable {
    static let name = "create_project_with_analysis"

    enum Step: String, CaseIterable, Sendable {
        case createProject = "create_project"
        case analyzeCode = "analyze_code"
    }

    let log: SagaLog
    let projects: any ProjectService
    let analyzer: AIGatewayClient
    let logger: Logger

    func run(_ request: CreateProjectWithAnalysisRequest, caller: Caller) async throws -> ProjectWithAnalysis {
        try request.validate()
        let sagaId = UUID.random()
        try await log.start(sagaId, name: Self.name, userId: caller.userId, steps: Step.allCases.map(\.rawValue), now: Self.now())

        try await log.step(sagaId, Step.createProject.rawValue, .running, startedAt: Self.now())
        let project: Project
        do {
            project = try await projects.create(request.createRequest, caller: caller)
        } catch {
            // Nothing was done, so nothing needs undoing; the caller gets the create's own error.
            try await log.step(sagaId, Step.createProject.rawValue, .failed, finishedAt: Self.now(), error: String(describing: error))
            try await log.finish(sagaId, .compensated)
            throw error
        }
        try await log.step(sagaId, Step.createProject.rawValue, .completed, finishedAt: Self.now(), projectId: project.id)

        try await log.step(sagaId, Step.analyzeCode.rawValue, .running, startedAt: Self.now())
        let analysis: CodeAnalysis
        do {
            analysis = try await analyzer.analyze(request.analyzeRequest, caller: caller)
        } catch {
            logger.warning("saga step failed; compensating", metadata: ["saga_id": "\(sagaId)", "error": "\(error)"])
            try await log.step(sagaId, Step.analyzeCode.rawValue, .failed, finishedAt: Self.now(), error: error.description)
            let undone = try await compensate(sagaId, project: project.id, owner: caller)
            let outcome = undone ? "the project was deleted again" : "deleting the project again failed too"
            if undone, let invalid = error.invalidInput {
                // The caller's code or language, not the fleet, made the step fail: a 400 naming the field, as the AI
                // gateway's own answer would have.
                var details: [String: JSONValue] = ["sagaId": .string(sagaId.lowercasedString)]
                if let field = invalid.field { details["field"] = field }
                throw AppError(.validationFailed, "\(invalid.message) The project was not created.", details: details)
            }
            throw AppError.sagaFailed(sagaId: sagaId, reason: "The code analysis failed (\(error.description)); \(outcome).")
        }
        try await log.step(sagaId, Step.analyzeCode.rawValue, .completed, finishedAt: Self.now())
        try await log.finish(sagaId, .completed)
        return ProjectWithAnalysis(project: project, analysis: analysis, sagaId: sagaId)
    }

    /// Finishes a saga whose process stopped half-way: completed when the analysis had completed, else compensated
    /// (the project, if one was created, is deleted by its owner's authority).
    func recover(_ saga: SagaLog.Unfinished) async throws {
        if saga.steps[Step.analyzeCode.rawValue] == .completed {
            try await log.finish(saga.id, .completed)
            return
        }
        if saga.steps[Step.analyzeCode.rawValue] != .failed {
            try await log.step(saga.id, Step.analyzeCode.rawValue, .failed, finishedAt: Self.now(), error: "the service stopped before the analysis finished")
        }
        guard let projectId = saga.projectId else {
            try await log.step(saga.id, Step.createProject.rawValue, .failed, finishedAt: Self.now(), error: "the service stopped during this step")
            try await log.finish(saga.id, .compensated)
            return
        }
        _ = try await compensate(saga.id, project: projectId, owner: Caller(userId: saga.userId))
    }

    /// Deletes the created project again. True when the saga ended `compensated`; false when the delete failed and
    /// the saga ended `failed`, for an operator to look at (the step's error says why).
    private func compensate(_ sagaId: UUID, project: UUID, owner: Caller) async throws -> Bool {
        do {
            try await projects.delete(project, caller: owner)
        } catch let error as AppError where error.code == .notFound {
            // Already gone (its owner deleted it meanwhile): nothing left to undo.
        } catch {
            logger.error("saga compensation failed", metadata: ["saga_id": "\(sagaId)", "project_id": "\(project)", "error": "\(error)"])
            try await log.step(sagaId, Step.createProject.rawValue, .completed, error: "compensation failed: \(error)")
            try await log.finish(sagaId, .failed)
            return false
        }
        try await log.step(sagaId, Step.createProject.rawValue, .compensated)
        try await log.finish(sagaId, .compensated)
        return true
    }

    private static func now() -> Date { Date().wholeSeconds }
}
