import Foundation

/// `201 {project, analysis, sagaId}` from `POST /api/v1/projects/with-analysis`.
public struct ProjectWithAnalysis: Codable, Sendable, Equatable {
    public var project: Project
    public var analysis: CodeAnalysis
    public var sagaId: UUID

    public init(project: Project, analysis: CodeAnalysis, sagaId: UUID) {
        self.project = project
        self.analysis = analysis
        self.sagaId = sagaId
    }
}
