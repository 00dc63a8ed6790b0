import Contracts
import Foundation
import Learning
import Testing
import TestSupport

/// The behaviour every `LearningService` must show, whoever implements it and whatever lies in between.
@Suite("LearningService conformance")
struct LearningServiceConformanceTests {
    @Test(arguments: LearningServiceTarget.allCases)
    func aNewLearnersPathFollowsTheCurriculum(_ target: LearningServiceTarget) async throws {
        try await target.withService { service, curriculum, signIn in
            let caller = try await signIn("new")
            let path = try await service.getPath(caller: caller)
            #expect(path.userId == caller.userId)
            #expect(path.modules.map(\.id) == curriculum.modules.map(\.id))
            for (module, entry) in zip(curriculum.modules, path.modules) {
                #expect(entry.title == module.title)
                #expect(entry.progress == 0)
                #expect(entry.status == (module.prerequisites.isEmpty && !module.isPractice ? .available : .locked), "\(module.key)")
            }
        }
    }

    @Test(arguments: LearningServiceTarget.allCases)
    func progressRisesIdempotentlyAndUnlocksWhatBuildsOnIt(_ target: LearningServiceTarget) async throws {
        try await target.withService { service, curriculum, signIn in
            let caller = try await signIn("progress")
            let basics = try #require(curriculum.module(key: "testing-fundamentals"))
            let dependents = curriculum.modules.filter { $0.prerequisites == [basics.key] }
            #expect(!dependents.isEmpty)
            try await service.updateProgress(UpdateProgressRequest(moduleId: basics.id, progress: 100), caller: caller)
            try await service.updateProgress(UpdateProgressRequest(moduleId: basics.id, progress: 10), caller: caller)
            let path = try await service.getPath(caller: caller)
            let entry = try #require(path.modules.first { $0.id == basics.id })
            #expect(entry.progress == 100)
            #expect(entry.status == .completed)
            for module in dependents {
                #expect(path.modules.first { $0.id == module.id }?.status == .available, "\(module.key)")
            }
        }
    }

    @Test(arguments: LearningServiceTarget.allCases)
    func quizzesHideTheirAnswersAndAreScored(_ target: LearningServiceTarget) async throws {
        try await target.withService { service, curriculum, signIn in
            let caller = try await signIn("quiz")
            let summaries = try await service.listQuizzes(caller: caller)
            #expect(summaries == curriculum.summaries())
            let stored = curriculum.quizzes[0]
            let quiz = try await service.getQuiz(stored.id, caller: caller)
            #expect(quiz == curriculum.publicQuiz(stored))
            let answers = stored.questions.enumerated().map { index, question in
                QuizAnswer(questionId: question.id, choice: index == 0 ? (question.answer + 1) % question.choices.count : question.answer)
            }
            let result = try await service.submitAnswer(stored.id, SubmitAnswersRequest(answers: answers), caller: caller)
            #expect(result.total == stored.questions.count)
            #expect(result.correct == stored.questions.count - 1)
            #expect(result.passed == (result.score >= LearningRules.passingScore))
            #expect(result.mistakes.map(\.questionId) == [stored.questions[0].id])
            #expect(result.mistakes.first?.correctChoice == stored.questions[0].answer)
            #expect(result.nextReviewAt != nil)
        }
    }

    @Test(arguments: LearningServiceTarget.allCases)
    func recommendationsAreRankedAndBounded(_ target: LearningServiceTarget) async throws {
        try await target.withService { service, curriculum, signIn in
            let caller = try await signIn("recommend")
            let stored = curriculum.quizzes[1]
            let wrong = stored.questions.map { QuizAnswer(questionId: $0.id, choice: ($0.answer + 1) % $0.choices.count) }
            _ = try await service.submitAnswer(stored.id, SubmitAnswersRequest(answers: wrong), caller: caller)
            let list = try await service.getRecommendations(caller: caller)
            #expect(!list.isEmpty && list.count <= LearningRules.maxRecommendations)
            #expect(list.first?.kind == .failedQuiz)
            #expect(list.first?.quizId == stored.id)
            #expect(list.first?.moduleId == curriculum.module(of: stored)?.id)
            #expect(zip(list, list.dropFirst()).allSatisfy { $0.priority >= $1.priority })
            #expect(list.allSatisfy { !$0.reason.isEmpty })
        }
    }

    @Test(arguments: LearningServiceTarget.allCases)
    func agentsAreListed(_ target: LearningServiceTarget) async throws {
        try await target.withService { service, _, signIn in
            let caller = try await signIn("agents")
            let statuses = try await service.agentStatus(caller: caller)
            #expect(statuses.map(\.name) == ["progress-tracker", "quiz-grader", "recommender", "event-listener"])
            #expect(statuses.allSatisfy { $0.state != .stopped && $0.mailbox <= $0.mailboxCapacity })
        }
    }

    @Test(arguments: LearningServiceTarget.allCases)
    func errorsAreTheSameAppErrors(_ target: LearningServiceTarget) async throws {
        try await target.withService { service, curriculum, signIn in
            let caller = try await signIn("errors")
            let quiz = curriculum.quizzes[0]
            try await Self.expect(.notFound) { _ = try await service.getQuiz(UUID(), caller: caller) }
            try await Self.expect(.notFound) {
                try await service.updateProgress(UpdateProgressRequest(moduleId: UUID(), progress: 10), caller: caller)
            }
            try await Self.expect(.notFound) {
                _ = try await service.submitAnswer(UUID(), SubmitAnswersRequest(answers: [QuizAnswer(questionId: UUID(), choice: 0)]), caller: caller)
            }
            try await Self.expect(.validationFailed, field: "progress") {
                try await service.updateProgress(UpdateProgressRequest(moduleId: curriculum.modules[0].id, progress: 101), caller: caller)
            }
            try await Self.expect(.validationFailed, field: "answers[0].questionId") {
                _ = try await service.submitAnswer(quiz.id, SubmitAnswersRequest(answers: [QuizAnswer(questionId: UUID(), choice: 0)]), caller: caller)
            }
            try await Self.expect(.validationFailed, field: "answers") {
                _ = try await service.submitAnswer(quiz.id, SubmitAnswersRequest(answers: [QuizAnswer(questionId: quiz.questions[0].id, choice: 0)]), caller: caller)
            }
            let twice = [QuizAnswer(questionId: quiz.questions[0].id, choice: 0), QuizAnswer(questionId: quiz.questions[0].id, choice: 1)]
            try await Self.expect(.validationFailed, field: "answers[1].questionId") {
                _ = try await service.submitAnswer(quiz.id, SubmitAnswersRequest(answers: twice), caller: caller)
            }
        }
    }

    static func expect(_ code: ErrorCode, field: String? = nil, sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> Void) async throws {
        do {
            try await body()
            Issue.record("expected \(code.rawValue), got success", sourceLocation: sourceLocation)
        } catch let error as AppError {
            #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
            if let field { #expect(error.details?["field"] == .string(field), "\(error)", sourceLocation: sourceLocation) }
        }
    }
}
