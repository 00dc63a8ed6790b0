import Contracts
import Foundation
import Learning
import Testing

@Suite("Recommendation ranking and the path")
struct RecommendationRankingTests {
    static let curriculum = CurriculumTests.shipped
    static let now = Date(timeIntervalSince1970: 1_780_000_000)
    static let user = UUID()

    static func module(_ key: String) -> CurriculumModule { curriculum.module(key: key)! }

    @Test func aNewLearnerIsPointedAtModulesWithoutPrerequisites() {
        let list = RecommendationRanking.rank(Self.curriculum, LearnerRecord(userId: Self.user), now: Self.now)
        #expect(!list.isEmpty && list.count <= LearningRules.maxRecommendations)
        for recommendation in list {
            #expect(recommendation.kind == .nextModule)
            #expect(Self.curriculum.module(recommendation.moduleId)!.prerequisites.isEmpty)
        }
    }

    @Test func findingsInTheLearnersCodeComeFirstWithAReasonNamingThem() throws {
        var record = LearnerRecord(userId: Self.user, progress: [Self.module("testing-fundamentals").id: 40])
        record.findings = LearnerRecord.Findings(analysisId: UUID(), occurredAt: Self.now, counts: [.sqlInjection: 3, .todoDensity: 1])
        let list = RecommendationRanking.rank(Self.curriculum, record, now: Self.now)
        let first = try #require(list.first)
        #expect(first.moduleId == Self.module("injection").id)
        #expect(first.kind == .analysisFindings)
        #expect(first.priority == .high)
        #expect(first.reason.contains("3 SQL injection findings in your last analysis"))
        let docs = try #require(list.first { $0.moduleId == Self.module("documentation").id })
        #expect(docs.priority == .medium)
        #expect(docs.reason.contains("1 TODO density finding"))
        #expect(list.contains { $0.kind == .continueModule && $0.moduleId == Self.module("testing-fundamentals").id })
    }

    @Test func failedAndDueQuizzesCarryTheirDueDates() throws {
        let injectionQuiz = try #require(Self.curriculum.quizzes(of: Self.module("injection").id).first)
        let secretsQuiz = try #require(Self.curriculum.quizzes(of: Self.module("secrets-and-crypto").id).first)
        let docsQuiz = try #require(Self.curriculum.quizzes(of: Self.module("documentation").id).first)
        let tomorrow = Self.now.addingTimeInterval(86_400)
        let record = LearnerRecord(userId: Self.user, reviews: [
            injectionQuiz.id: .init(quizId: injectionQuiz.id, box: 0, dueAt: tomorrow, lastPassed: false, lastScore: 40, answeredAt: Self.now, attempts: 1),
            secretsQuiz.id: .init(quizId: secretsQuiz.id, box: 2, dueAt: Self.now.addingTimeInterval(-60), lastPassed: true, lastScore: 80, answeredAt: Self.now, attempts: 2),
            docsQuiz.id: .init(quizId: docsQuiz.id, box: 1, dueAt: tomorrow, lastPassed: true, lastScore: 100, answeredAt: Self.now, attempts: 1),
        ])
        let list = RecommendationRanking.rank(Self.curriculum, record, now: Self.now)
        #expect(list[0].kind == .failedQuiz)
        #expect(list[0].quizId == injectionQuiz.id)
        #expect(list[0].dueAt == tomorrow)
        #expect(list[0].reason.contains("40%"))
        let due = try #require(list.first { $0.kind == .reviewDue })
        #expect(due.quizId == secretsQuiz.id)
        #expect(due.dueAt == Self.now.addingTimeInterval(-60))
        // Not yet due: not recommended for review.
        #expect(!list.contains { $0.quizId == docsQuiz.id })
    }

    @Test func oneRecommendationPerModuleAndAtMostTen() {
        var record = LearnerRecord(userId: Self.user)
        record.findings = LearnerRecord.Findings(
            analysisId: UUID(), occurredAt: Self.now, counts: Dictionary(uniqueKeysWithValues: RuleID.allCases.map { ($0, 2) })
        )
        for module in Self.curriculum.modules.prefix(6) { record.progress[module.id] = 50 }
        let list = RecommendationRanking.rank(Self.curriculum, record, now: Self.now)
        #expect(list.count == LearningRules.maxRecommendations)
        #expect(Set(list.map(\.moduleId)).count == list.count)
        #expect(zip(list, list.dropFirst()).allSatisfy { $0.priority >= $1.priority })
    }

    @Test func statusesFollowPrerequisitesAndProgress() throws {
        let injection = Self.module("injection"), deserialization = Self.module("safe-deserialization")
        let locks = Self.module("practice-distributed-locks")
        var record = LearnerRecord(userId: Self.user)
        func status(_ module: CurriculumModule) -> ModuleStatus? {
            LearningPathBuilder.path(Self.curriculum, record).modules.first { $0.id == module.id }?.status
        }
        #expect(status(injection) == .available)
        #expect(status(deserialization) == .locked)
        #expect(status(locks) == .locked)
        record.progress[injection.id] = 60
        #expect(status(injection) == .inProgress)
        #expect(status(deserialization) == .locked)
        record.progress[injection.id] = 100
        #expect(status(injection) == .completed)
        #expect(status(deserialization) == .available)
        record.unlocks[locks.id] = .init(moduleId: locks.id, eventType: .projectClaimed, projectName: "P", occurredAt: Self.now)
        #expect(status(locks) == .available)
        let path = LearningPathBuilder.path(Self.curriculum, record)
        #expect(path.modules.map(\.id) == Self.curriculum.modules.map(\.id))
        #expect(path.userId == Self.user)
    }
}
