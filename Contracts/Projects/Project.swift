import Foundation

public struct Project: Codable, Sendable, Equatable {
    public var id: UUID
    public var name: String
    /// Empty when the project was created without one (docs/api.md shows the field as always present).
    public var description: String
    public var ownerId: UUID
    public var collaborators: [UUID]
    public var status: ProjectStatus
    /// Starts at 1 and grows by one with every successful update; `If-Match` compares against it.
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date
    /// The current claim, or null when no one holds it.
    public var lock: ProjectLock?

    public init(
        id: UUID,
        name: String,
        description: String = "",
        ownerId: UUID,
        collaborators: [UUID] = [],
        status: ProjectStatus = .active,
        version: Int = 1,
        createdAt: Date,
        updatedAt: Date,
        lock: ProjectLock? = nil
    ) {
        self.id = id
        self.name = name
        self.description = description
        self.ownerId = ownerId
        self.collaborators = collaborators
        self.status = status
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.lock = lock
    }

    /// Whether `userId` may see the project: its owner or one of its collaborators.
    public func isVisible(to userId: UUID) -> Bool {
        ownerId == userId || collaborators.contains(userId)
    }

    private enum CodingKeys: String, CodingKey {
        case id, name, description, ownerId, collaborators, status, version, createdAt, updatedAt, lock
    }

    /// Written by hand only so that `lock` appears as `null` rather than being left out (docs/api.md: `{…}|null`).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encode(description, forKey: .description)
        try container.encode(ownerId, forKey: .ownerId)
        try container.encode(collaborators, forKey: .collaborators)
        try container.encode(status, forKey: .status)
        try container.encode(version, forKey: .version)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(updatedAt, forKey: .updatedAt)
        try container.encode(lock, forKey: .lock)
    }
}
