import Contracts
import Foundation
import HTTPTypes
import Hummingbird
import ServiceKit

/// The routes of docs/api.md's learning section: read the path and body, call `LearningCore`, encode.
struct LearningController {
    let core: LearningCore

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("/path", use: path)
        group.put("/progress", use: updateProgress)
        group.get("/quizzes", use: quizzes)
        group.get("/quizzes/:id", use: quiz)
        group.post("/quizzes/:id/answers", use: submit)
        group.get("/recommendations", use: recommendations)
        group.get("/agents/status", use: agentStatus)
    }

    @Sendable func path(_ request: Request, context: AppRequestContext) async throws -> JSONBody<LearningPath> {
        JSONBody(try await core.getPath(caller: try context.requireCaller()))
    }

    @Sendable func updateProgress(_ request: Request, context: AppRequestContext) async throws -> HTTPResponse.Status {
        let body = try await request.decodeValidated(UpdateProgressRequest.self, context: context)
        try await core.updateProgress(body, caller: try context.requireCaller())
        return .noContent
    }

    @Sendable func quizzes(_ request: Request, context: AppRequestContext) async throws -> JSONBody<[QuizSummary]> {
        JSONBody(try await core.listQuizzes(caller: try context.requireCaller()))
    }

    @Sendable func quiz(_ request: Request, context: AppRequestContext) async throws -> JSONBody<Quiz> {
        let id = try context.parameters.uuid("id")
        return JSONBody(try await core.getQuiz(id, caller: try context.requireCaller()))
    }

    /// Decoded without validation here: the grader answers 404 for an unknown quiz before it checks the answers
    /// (a body that would be valid for some quiz is not bad input for a quiz that does not exist).
    @Sendable func submit(_ request: Request, context: AppRequestContext) async throws -> JSONBody<QuizResult> {
        let id = try context.parameters.uuid("id")
        let body = try await request.decodeJSON(SubmitAnswersRequest.self, context: context)
        return JSONBody(try await core.submitAnswer(id, body, caller: try context.requireCaller()))
    }

    @Sendable func recommendations(_ request: Request, context: AppRequestContext) async throws -> JSONBody<[Recommendation]> {
        JSONBody(try await core.getRecommendations(caller: try context.requireCaller()))
    }

    @Sendable func agentStatus(_ request: Request, context: AppRequestContext) async throws -> JSONBody<[AgentStatus]> {
        JSONBody(try await core.agentStatus(caller: try context.requireCaller()))
    }
}
