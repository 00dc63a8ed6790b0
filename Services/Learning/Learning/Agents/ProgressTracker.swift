import Contracts
import Foundation
import Resilience

/// The agent that owns learners' progress: it answers the learning path and records `PUT /progress`.
public actor ProgressTracker {
    public static let name = "progress-tracker"

    public nonisolated let mailbox: Mailbox
    nonisolated let curriculum: Curriculum
    nonisolated let repository: any LearningRepository
    nonisolated let clock: any ResilienceClock

    /// Updates that raised (or, asked to, lowered) the stored progress, and those that left it as it was.
    private(set) var changed = 0
    private(set) var unchanged = 0

    public init(curriculum: Curriculum, repository: any LearningRepository, clock: any ResilienceClock, mailboxCapacity: Int) {
        self.curriculum = curriculum
        self.repository = repository
        self.clock = clock
        mailbox = Mailbox(name: Self.name, capacity: mailboxCapacity, capabilities: ["learning.path", "learning.progress.update"])
    }

    public nonisolated func path(for userId: UUID) async throws -> LearningPath {
        try await mailbox.perform { [curriculum, repository] in
            LearningPathBuilder.path(curriculum, try await repository.record(of: userId))
        }
    }

    public nonisolated func update(_ request: UpdateProgressRequest, for userId: UUID) async throws {
        try request.validate()
        guard curriculum.module(request.moduleId) != nil else { throw AppError.notFound("module") }
        try await mailbox.perform { [repository, clock] in
            let change = try await repository.updateProgress(
                userId: userId, moduleId: request.moduleId, progress: request.progress,
                allowDecrease: request.allowDecrease ?? false, at: clock.wallClockNow()
            )
            await self.note(changed: change.stored != (change.previous ?? 0))
        }
    }

    private func note(changed: Bool) {
        if changed { self.changed += 1 } else { unchanged += 1 }
    }
}
