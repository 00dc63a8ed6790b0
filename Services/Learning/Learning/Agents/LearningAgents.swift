import Contracts
import Foundation
import Resilience

/// The four learning actors, created together over one curriculum and repository.
public struct LearningAgents: Sendable {
    public let progress: ProgressTracker
    public let grader: QuizGrader
    public let recommender: Recommender
    public let listener: FleetEventListener

    public init(curriculum: Curriculum, repository: any LearningRepository, clock: any ResilienceClock, mailboxCapacity: Int) {
        progress = ProgressTracker(curriculum: curriculum, repository: repository, clock: clock, mailboxCapacity: mailboxCapacity)
        grader = QuizGrader(curriculum: curriculum, repository: repository, clock: clock, mailboxCapacity: mailboxCapacity)
        recommender = Recommender(curriculum: curriculum, repository: repository, clock: clock, mailboxCapacity: mailboxCapacity)
        listener = FleetEventListener(curriculum: curriculum, repository: repository, mailboxCapacity: mailboxCapacity)
    }

    public var mailboxes: [Mailbox] {
        [progress.mailbox, grader.mailbox, recommender.mailbox, listener.mailbox]
    }

    /// `GET /agents/status`, in a fixed order.
    public func statuses() async -> [AgentStatus] {
        var result: [AgentStatus] = []
        for mailbox in mailboxes { result.append(await mailbox.status()) }
        return result
    }

    /// New messages are refused (503) from now on; those admitted are still handled.
    public func stop() async {
        for mailbox in mailboxes { await mailbox.stop() }
    }
}
