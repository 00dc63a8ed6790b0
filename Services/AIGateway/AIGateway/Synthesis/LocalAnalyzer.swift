import Contracts
import Foundation

/// The agents run over a problem without a stored board (their rounds, in memory): what the local provider builds
/// its suggestions and answers from.
public struct LocalAnalyzer: Sendable {
    let controller: AgentController

    public init(controller: AgentController) {
        self.controller = controller
    }

    public func analyze(_ problem: BlackboardProblem) async throws -> SolutionSynthesis.Result {
        let outcome = try await controller.run(problem: problem)
        return SolutionSynthesis.synthesize(blackboardId: UUID.random(), contributions: outcome.contributions, payloads: outcome.payloads)
    }
}
