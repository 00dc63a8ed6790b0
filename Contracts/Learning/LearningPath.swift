import Foundation

/// `GET /api/v1/learning/path` → `{userId, modules: [{id, title, status, progress}]}`.
public struct LearningPath: Codable, Sendable, Equatable {
    public struct Module: Codable, Sendable, Equatable {
        public var id: UUID
        public var title: String
        public var status: ModuleStatus
        /// 0...100.
        public var progress: Int

        public init(id: UUID, title: String, status: ModuleStatus, progress: Int) {
            self.id = id
            self.title = title
            self.status = status
            self.progress = progress
        }
    }

    public var userId: UUID
    /// In curriculum order.
    public var modules: [Module]

    public init(userId: UUID, modules: [Module]) {
        self.userId = userId
        self.modules = modules
    }
}
