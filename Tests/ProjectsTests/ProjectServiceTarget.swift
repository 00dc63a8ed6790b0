import Contracts
import DevMentorClient
import Testing

/// The implementations of `ProjectService` the conformance suite runs against, each with auth, projects and the
/// gateway running for real.
enum ProjectServiceTarget: String, CaseIterable, Sendable, CustomTestStringConvertible {
    /// `ProjectsCore`, called directly.
    case inProcess
    /// `DevMentorClient` over real HTTP to the projects service.
    case httpClient
    /// `DevMentorClient` over real HTTP to the gateway in front of the projects service.
    case httpThroughGateway

    var testDescription: String { rawValue }

    func withService(
        aiGatewayURL: String? = nil,
        _ body: @escaping @Sendable (any ProjectService, ProjectsFixture) async throws -> Void
    ) async throws {
        try await ProjectsFixture.run(aiGatewayURL: aiGatewayURL) { fixture in
            switch self {
            case .inProcess: try await body(fixture.core, fixture)
            case .httpClient: try await body(fixture.direct, fixture)
            case .httpThroughGateway: try await body(fixture.throughGateway, fixture)
            }
        }
    }
}

/// Runs `body`, expecting an AppError with `code`; returns it for further checks.
