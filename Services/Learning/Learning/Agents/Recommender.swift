import Contracts
import Foundation
import Resilience

/// The agent that ranks what each learner should do next from everything stored about them.
public actor Recommender {
    public static let name = "recommender"

    public nonisolated let mailbox: Mailbox
    nonisolated let curriculum: Curriculum
    nonisolated let repository: any LearningRepository
    nonisolated let clock: any ResilienceClock

    /// How many recommendation lists were served, and how many of them led with findings from the learner's code.
    private(set) var served = 0
    private(set) var ledByFindings = 0

    public init(curriculum: Curriculum, repository: any LearningRepository, clock: any ResilienceClock, mailboxCapacity: Int) {
        self.curriculum = curriculum
        self.repository = repository
        self.clock = clock
        mailbox = Mailbox(name: Self.name, capacity: mailboxCapacity, capabilities: ["learning.recommendations"])
    }

    public nonisolated func recommendations(for userId: UUID) async throws -> [Recommendation] {
        let list = try await mailbox.perform { [curriculum, repository, clock] in
            RecommendationRanking.rank(curriculum, try await repository.record(of: userId), now: clock.wallClockNow())
        }
        await note(list)
        return list
    }

    private func note(_ list: [Recommendation]) {
        served += 1
        if list.first?.kind == .analysisFindings { ledByFindings += 1 }
    }
}
