import Foundation

/// `GET /api/v1/projects/sagas/{sagaId}`.
public struct Saga: Codable, Sendable, Equatable {
    public struct Step: Codable, Sendable, Equatable {
        public var name: String
        public var status: SagaStepStatus
        /// Null while the step is pending.
        public var startedAt: Date?
        /// Null until the step completed or failed.
        public var finishedAt: Date?
        /// Why the step failed; absent otherwise.
        public var error: String?

        public init(name: String, status: SagaStepStatus, startedAt: Date? = nil, finishedAt: Date? = nil, error: String? = nil) {
            self.name = name
            self.status = status
            self.startedAt = startedAt
            self.finishedAt = finishedAt
            self.error = error
        }

        private enum CodingKeys: String, CodingKey {
            case name, status, startedAt, finishedAt, error
        }

        /// `startedAt` and `finishedAt` are listed without `?` in docs/api.md, so they are always written (null until
        /// known); `error?` is optional there and is left out when there is none.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(name, forKey: .name)
            try container.encode(status, forKey: .status)
            try container.encode(startedAt, forKey: .startedAt)
            try container.encode(finishedAt, forKey: .finishedAt)
            try container.encodeIfPresent(error, forKey: .error)
        }
    }

    public var id: UUID
    public var name: String
    public var status: SagaStatus
    public var steps: [Step]

    public init(id: UUID, name: String, status: SagaStatus, steps: [Step]) {
        self.id = id
        self.name = name
        self.status = status
        self.steps = steps
    }
}
