import Contracts
import Foundation

/// Turns a learner's record into at most `LearningRules.maxRecommendations` recommendations, best first: by
/// priority, then by `Recommendation.Kind` order (findings in the learner's own code first), then path order.
/// One recommendation per module, the best reason winning. Pure, with `now` given, so due dates test without
/// waiting.
public enum RecommendationRanking {
    /// How many not-yet-started modules the path suggests at once.
    static let nextModules = 3

    public static func rank(_ curriculum: Curriculum, _ record: LearnerRecord, now: Date) -> [Recommendation] {
        var candidates: [Recommendation] = []
        candidates += fromFindings(curriculum, record)
        candidates += fromQuizzes(curriculum, record, now: now)
        candidates += fromProjectActivity(curriculum, record)
        candidates += fromProgress(curriculum, record)

        let kindOrder = Dictionary(uniqueKeysWithValues: Recommendation.Kind.allCases.enumerated().map { ($1, $0) })
        candidates.sort { lhs, rhs in
            if lhs.priority != rhs.priority { return lhs.priority > rhs.priority }
            if lhs.kind != rhs.kind { return kindOrder[lhs.kind]! < kindOrder[rhs.kind]! }
            return curriculum.position(of: lhs.moduleId) < curriculum.position(of: rhs.moduleId)
        }
        var seen: Set<UUID> = []
        var result: [Recommendation] = []
        for candidate in candidates where seen.insert(candidate.moduleId).inserted {
            result.append(candidate)
            if result.count == LearningRules.maxRecommendations { break }
        }
        return result
    }

    /// "3 SQL injection findings in your last analysis": every module teaching a rule the latest analysis found.
    static func fromFindings(_ curriculum: Curriculum, _ record: LearnerRecord) -> [Recommendation] {
        guard let findings = record.findings else { return [] }
        return curriculum.modules.compactMap { module in
            let found = module.rules.compactMap { rule in findings.counts[rule].map { (rule, $0) } }.filter { $0.1 > 0 }
            guard !found.isEmpty else { return nil }
            let total = found.reduce(0) { $0 + $1.1 }
            let parts = found.map { "\($0.1) \($0.0.displayName)" }
            let security = found.contains { $0.0.category == "security" }
            let noun = total == 1 ? "finding" : "findings"
            let done = record.progress(of: module.id) >= 100 ? " You completed this module; the code says it is worth a second look." : ""
            return Recommendation(
                moduleId: module.id,
                reason: "\(sentenceList(parts)) \(noun) in your last analysis: “\(module.title)” shows how to fix them.\(done)",
                priority: security || total >= 3 ? .high : .medium,
                kind: .analysisFindings
            )
        }
    }

    /// Failed quizzes (retry due the next day) and passed quizzes whose spaced review is due.
    static func fromQuizzes(_ curriculum: Curriculum, _ record: LearnerRecord, now: Date) -> [Recommendation] {
        record.reviews.values.sorted { $0.dueAt < $1.dueAt }.compactMap { review in
            guard let quiz = curriculum.quiz(review.quizId), let module = curriculum.module(of: quiz) else { return nil }
            let score = Int(review.lastScore.rounded())
            if !review.lastPassed {
                return Recommendation(
                    moduleId: module.id,
                    reason: "You scored \(score)% in “\(quiz.title)” (\(Int(LearningRules.passingScore))% passes): "
                        + "read the explanations, revisit “\(module.title)” and retry it from \(day(review.dueAt)).",
                    priority: .high, kind: .failedQuiz, quizId: quiz.id, dueAt: review.dueAt
                )
            }
            guard review.dueAt <= now else { return nil }
            return Recommendation(
                moduleId: module.id,
                reason: "“\(quiz.title)” is due for review since \(day(review.dueAt)) (box \(review.box) of "
                    + "\(LearningRules.reviewIntervalsDays.count)): answering it again now keeps it in long-term memory.",
                priority: .medium, kind: .reviewDue, quizId: quiz.id, dueAt: review.dueAt
            )
        }
    }

    /// Practice modules opened by the learner's project activity and not yet completed.
    static func fromProjectActivity(_ curriculum: Curriculum, _ record: LearnerRecord) -> [Recommendation] {
        record.unlocks.values.sorted { $0.occurredAt > $1.occurredAt }.compactMap { unlock in
            guard let module = curriculum.module(unlock.moduleId), record.progress(of: module.id) < 100 else { return nil }
            let what = switch unlock.eventType {
            case .projectCreated: "You created the project “\(unlock.projectName)”"
            case .projectClaimed: "You claimed the project “\(unlock.projectName)”"
            case .projectCollaboratorAdded: "You are collaborating on the project “\(unlock.projectName)”"
            default: "Your activity on the project “\(unlock.projectName)”"
            }
            return Recommendation(
                moduleId: module.id, reason: "\(what): “\(module.title)” is the practice that goes with it.", priority: .medium,
                kind: .projectActivity
            )
        }
    }

    /// Modules started and not finished, then the next modules the prerequisites allow.
    static func fromProgress(_ curriculum: Curriculum, _ record: LearnerRecord) -> [Recommendation] {
        var result: [Recommendation] = []
        for module in curriculum.modules {
            let progress = record.progress(of: module.id)
            if (1...99).contains(progress) {
                result.append(Recommendation(
                    moduleId: module.id, reason: "You are \(progress)% through “\(module.title)”: finish it to unlock what builds on it.",
                    priority: .medium, kind: .continueModule
                ))
            }
        }
        let next = curriculum.modules.filter { module in
            !module.isPractice && record.progress(of: module.id) == 0 && LearningPathBuilder.isUnlocked(module, curriculum, record)
        }
        for module in next.prefix(nextModules) {
            let prerequisites = curriculum.prerequisites(of: module).map { "“\($0.title)”" }
            let because = prerequisites.isEmpty
                ? "it needs nothing before it"
                : "you completed \(sentenceList(prerequisites))"
            result.append(Recommendation(
                moduleId: module.id, reason: "Next in your path: “\(module.title)” (about \(module.estimatedMinutes) minutes), because \(because).",
                priority: .low, kind: .nextModule
            ))
        }
        return result
    }

    /// "a", "a and b", "a, b and c".
    static func sentenceList(_ parts: [String]) -> String {
        switch parts.count {
        case 0: ""
        case 1: parts[0]
        default: parts.dropLast().joined(separator: ", ") + " and " + parts[parts.count - 1]
        }
    }

    /// `2026-12-01`, in UTC.
    static func day(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }
}
