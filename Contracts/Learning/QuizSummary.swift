import Foundation

/// One element of `GET /api/v1/learning/quizzes`.
public struct QuizSummary: Codable, Sendable, Equatable {
    public var id: UUID
    public var title: String
    public var moduleId: UUID

    public init(id: UUID, title: String, moduleId: UUID) {
        self.id = id
        self.title = title
        self.moduleId = moduleId
    }
}
