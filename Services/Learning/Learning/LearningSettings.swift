import Contracts
import Foundation
import Coordination
import ServiceKit

/// The learning service's configuration, read once at start.
public struct LearningSettings: Sendable {
    public var service: ServiceSettings
    /// Where the auth service publishes its signing keys (`<AUTH_URL>/.well-known/jwks.json`).
    public var authURL: URL
    /// What access tokens must say (`JWT_ISSUER`, `JWT_AUDIENCE`).
    public var tokens: TokenSettings
    /// The Postgres schema of every table of the service. Only tests choose another (one per test, for isolation).
    public var schema: String
    /// A curriculum file to load instead of the one shipped with the service (`LEARNING_CURRICULUM`).
    public var curriculumPath: String?
    /// Messages each agent's mailbox holds before senders wait (`LEARNING_MAILBOX_CAPACITY`).
    public var mailboxCapacity: Int
    /// The consumer group on `events:ai` and `events:projects`; `learning` (tests use one each).
    public var consumerGroup: String
    /// This process within the group: host name and pid unless told otherwise (tests restarting the service in one
    /// process give each instance its own).
    public var consumerName: String
    /// Events handled at once by the listener's consumer (`LEARNING_EVENT_CONCURRENCY`).
    public var eventConcurrency: Int
    /// Handler attempts before an event is dead-lettered (`LEARNING_EVENT_MAX_DELIVERIES`).
    public var eventMaxDeliveries: Int
    /// How long an unacknowledged event waits before another consumer takes it over
    /// (`LEARNING_EVENT_RECLAIM_SECONDS`); also the retry delay of a failed one.
    public var eventReclaimAfter: Duration
    /// How often the outbox relay looks for committed `learning.quiz_completed` events when it found none.
    public var outboxPollInterval: Duration

    public static let defaultPort = ServiceName.learning.defaultPort
    public static let defaultConsumerGroup = "learning"

    public init(environment env: EnvironmentReader = EnvironmentReader()) throws(ConfigError) {
        service = try ServiceSettings(name: "learning", defaultPort: Self.defaultPort, environment: env)
        authURL = try env.url(ServiceName.auth.urlVariable, default: ServiceName.auth.defaultURL, schemes: ["http", "https"])
        tokens = TokenSettings(environment: env)
        schema = LearningPostgresRepository.defaultSchema
        curriculumPath = env.string("LEARNING_CURRICULUM")
        mailboxCapacity = try env.int("LEARNING_MAILBOX_CAPACITY", default: 64, range: 1...100_000)
        consumerGroup = Self.defaultConsumerGroup
        consumerName = EventConsumerConfiguration.defaultConsumerName()
        eventConcurrency = try env.int("LEARNING_EVENT_CONCURRENCY", default: 4, range: 1...256)
        eventMaxDeliveries = try env.int("LEARNING_EVENT_MAX_DELIVERIES", default: 5, range: 1...100)
        eventReclaimAfter = .seconds(try env.int("LEARNING_EVENT_RECLAIM_SECONDS", default: 30, range: 3...3_600))
        outboxPollInterval = .milliseconds(200)
    }

    public init(
        service: ServiceSettings, authURL: URL, tokens: TokenSettings = .defaults,
        schema: String = LearningPostgresRepository.defaultSchema, curriculumPath: String? = nil, mailboxCapacity: Int = 64,
        consumerGroup: String = LearningSettings.defaultConsumerGroup,
        consumerName: String = EventConsumerConfiguration.defaultConsumerName(), eventConcurrency: Int = 4, eventMaxDeliveries: Int = 5,
        eventReclaimAfter: Duration = .seconds(30), outboxPollInterval: Duration = .milliseconds(200)
    ) {
        self.service = service
        self.authURL = authURL
        self.tokens = tokens
        self.schema = schema
        self.curriculumPath = curriculumPath
        self.mailboxCapacity = mailboxCapacity
        self.consumerGroup = consumerGroup
        self.consumerName = consumerName
        self.eventConcurrency = eventConcurrency
        self.eventMaxDeliveries = eventMaxDeliveries
        self.eventReclaimAfter = eventReclaimAfter
        self.outboxPollInterval = outboxPollInterval
    }
}
