import Contracts
import Foundation
import Learning
import Resilience
import Testing
import TestSupport

/// The service end to end over HTTP, through the real gateway: progress, quizzes, review dates with an injected
/// clock, bad input and isolation between users.
@Suite("Learning service")
struct LearningServiceTests {
    static func module(_ fixture: LearningFixture, _ key: String) -> CurriculumModule { fixture.curriculum.module(key: key)! }

    @Test func progressIsIdempotentAndNeverMovesBackwardsUnlessAsked() async throws {
        try await LearningFixture.run { fixture in
            let user = try await fixture.signIn()
            let service = fixture.throughGateway
            let injection = Self.module(fixture, "injection")
            let progress: @Sendable () async throws -> Int? = {
                try await service.getPath(caller: user.caller).modules.first { $0.id == injection.id }?.progress
            }
            try await service.updateProgress(UpdateProgressRequest(moduleId: injection.id, progress: 60), caller: user.caller)
            try await service.updateProgress(UpdateProgressRequest(moduleId: injection.id, progress: 60), caller: user.caller)
            #expect(try await progress() == 60)
            try await service.updateProgress(UpdateProgressRequest(moduleId: injection.id, progress: 30), caller: user.caller)
            #expect(try await progress() == 60)
            try await service.updateProgress(UpdateProgressRequest(moduleId: injection.id, progress: 30, allowDecrease: false), caller: user.caller)
            #expect(try await progress() == 60)
            try await service.updateProgress(UpdateProgressRequest(moduleId: injection.id, progress: 20, allowDecrease: true), caller: user.caller)
            #expect(try await progress() == 20)

            let raw = try await fixture.send("PUT", "/api/v1/learning/progress", as: user, body: #"{"moduleId":"\#(injection.id.uuidString.lowercased())","progress":100}"#)
            #expect(raw.status == 204)
            #expect(raw.body.isEmpty)
            let path = try await service.getPath(caller: user.caller)
            #expect(path.userId == user.id)
            #expect(path.modules.first { $0.id == injection.id }?.status == .completed)
            #expect(path.modules.first { $0.id == Self.module(fixture, "safe-deserialization").id }?.status == .available)
        }
    }

    @Test func quizzesAreScoredOnTheServerAndScheduleReviews() async throws {
        let clock = ManualClock(wallClockStart: Date(timeIntervalSince1970: 1_780_000_000))
        try await LearningFixture.run(clock: clock) { fixture in
            let user = try await fixture.signIn()
            let service = fixture.throughGateway
            let module = Self.module(fixture, "concurrency")
            let stored = try #require(fixture.curriculum.quizzes(of: module.id).first)
            #expect(try await service.listQuizzes(caller: user.caller).contains(QuizSummary(id: stored.id, title: stored.title, moduleId: module.id)))

            // What the client sees has no answers.
            let raw = try await fixture.send("GET", "/api/v1/learning/quizzes/\(stored.id.uuidString.uppercased())", as: user)
            #expect(raw.status == 200)
            #expect(!raw.body.contains("answer") && !raw.body.contains("explanation"))
            // Ids are written in lower case (accepted in either case, as the upper-case path above shows).
            #expect(raw.body.contains(stored.id.uuidString.lowercased()) && !raw.body.contains(stored.id.uuidString))
            let quiz = try await service.getQuiz(stored.id, caller: user.caller)
            #expect(quiz.moduleId == module.id)
            #expect(quiz.questions.map(\.id) == stored.questions.map(\.id))

            // Failed: two wrong of five, explained, due tomorrow.
            let wrong = Set(stored.questions.prefix(2).map(\.id))
            let failing = SubmitAnswersRequest(answers: stored.questions.map { question in
                QuizAnswer(questionId: question.id, choice: wrong.contains(question.id) ? (question.answer + 1) % question.choices.count : question.answer)
            })
            let start = clock.wallClockNow()
            let failed = try await service.submitAnswer(stored.id, failing, caller: user.caller)
            #expect(failed.correct == 3 && failed.total == 5 && failed.score == 60 && !failed.passed)
            #expect(Set(failed.mistakes.map(\.questionId)) == wrong)
            #expect(failed.mistakes.allSatisfy { !$0.explanation.isEmpty })
            #expect(failed.nextReviewAt == start.addingTimeInterval(86_400))
            var recommendations = try await service.getRecommendations(caller: user.caller)
            #expect(recommendations.first?.kind == .failedQuiz)
            #expect(recommendations.first?.quizId == stored.id)
            #expect(recommendations.first?.dueAt == start.addingTimeInterval(86_400))

            // Passed: box 1, due in a day; then 3 and 7 days as it keeps being passed.
            let passing = SubmitAnswersRequest(answers: stored.questions.map { QuizAnswer(questionId: $0.id, choice: $0.answer) })
            var due: [Int] = []
            for _ in 0..<3 {
                let now = clock.wallClockNow()
                let passed = try await service.submitAnswer(stored.id, passing, caller: user.caller)
                #expect(passed.passed && passed.mistakes.isEmpty && passed.score == 100)
                let next = try #require(passed.nextReviewAt)
                due.append(Int(next.timeIntervalSince(now) / 86_400))
                // Not due yet: no review recommendation for it.
                recommendations = try await service.getRecommendations(caller: user.caller)
                #expect(!recommendations.contains { $0.quizId == stored.id })
                clock.advance(by: .seconds(Int64(next.timeIntervalSince(now))))
                // Due now, with its date.
                recommendations = try await service.getRecommendations(caller: user.caller)
                let review = try #require(recommendations.first { $0.quizId == stored.id })
                #expect(review.kind == .reviewDue)
                #expect(review.dueAt == next)
            }
            #expect(due == [1, 3, 7])
            // Every attempt was announced through the outbox: learning.quiz_completed on events:learning.
            let announced = try await eventually { try await fixture.learningEvents(of: user.id).count == 4 }
            #expect(announced)
            let events = try await fixture.learningEvents(of: user.id)
            #expect(events.allSatisfy { $0.type == EventType.learningQuizCompleted.rawValue && $0.subject == stored.id.uuidString.lowercased() })
            let first = try events[0].decodeData(as: QuizCompletedData.self)
            #expect(first.quizId == stored.id && first.moduleId == module.id && first.userId == user.id)
            #expect(first.result.correct == 3 && !first.result.passed)
            #expect(first.result.nextReviewAt == start.addingTimeInterval(86_400))
            // Passing completed the module.
            #expect(try await service.getPath(caller: user.caller).modules.first { $0.id == module.id }?.status == .completed)
        }
    }

    @Test func badInputIsRefusedWithTheField() async throws {
        try await LearningFixture.run { fixture in
            let user = try await fixture.signIn()
            let quiz = fixture.curriculum.quizzes[0]
            let module = fixture.curriculum.modules[0].id.uuidString.lowercased()
            let answers = quiz.questions.map { #"{"questionId":"\#($0.id.uuidString.lowercased())","choice":0}"# }
            let cases: [(String, String, String?, Int, String?)] = [
                ("PUT", "/api/v1/learning/progress", #"{"moduleId":"\#(module)","progress":101}"#, 400, "progress"),
                ("PUT", "/api/v1/learning/progress", #"{"moduleId":"\#(module)","progress":-1}"#, 400, "progress"),
                ("PUT", "/api/v1/learning/progress", #"{"moduleId":"\#(module)"}"#, 400, "progress"),
                ("PUT", "/api/v1/learning/progress", #"{"moduleId":"not-a-uuid","progress":1}"#, 400, "moduleId"),
                ("PUT", "/api/v1/learning/progress", #"{"moduleId":"\#(module)","progress":1,"allowDecrease":"yes"}"#, 400, "allowDecrease"),
                ("PUT", "/api/v1/learning/progress", #"{"moduleId":"\#(UUID().uuidString)","progress":1}"#, 404, nil),
                ("PUT", "/api/v1/learning/progress", "{", 400, nil),
                ("GET", "/api/v1/learning/quizzes/\(UUID().uuidString)", nil, 404, nil),
                ("GET", "/api/v1/learning/quizzes/nope", nil, 400, "id"),
                ("POST", "/api/v1/learning/quizzes/\(UUID().uuidString)/answers", #"{"answers":[\#(answers.joined(separator: ","))]}"#, 404, nil),
                ("POST", "/api/v1/learning/quizzes/\(quiz.id)/answers", #"{"answers":[\#(answers.dropLast().joined(separator: ","))]}"#, 400, "answers"),
                ("POST", "/api/v1/learning/quizzes/\(quiz.id)/answers", #"{"answers":[\#((answers + [answers[0]]).joined(separator: ","))]}"#, 400, "answers[\(answers.count)].questionId"),
                ("POST", "/api/v1/learning/quizzes/\(quiz.id)/answers", #"{"answers":[{"questionId":"\#(UUID().uuidString)","choice":0}]}"#, 400, "answers[0].questionId"),
                ("POST", "/api/v1/learning/quizzes/\(quiz.id)/answers", #"{"answers":[{"questionId":"\#(quiz.questions[0].id)","choice":25}]}"#, 400, "answers[0].choice"),
                ("POST", "/api/v1/learning/quizzes/\(quiz.id)/answers", #"{"answers":[]}"#, 400, "answers"),
            ]
            for (method, path, body, status, field) in cases {
                for baseURL in [fixture.gatewayURL, fixture.learningURL] {
                    let response = try await fixture.send(method, path, as: user, body: body, via: baseURL)
                    #expect(response.status == status, "\(method) \(path) \(body ?? "") via \(baseURL): \(response.body)")
                    #expect(response.error?.code == (status == 404 ? "NOT_FOUND" : "VALIDATION_FAILED"), "\(path): \(response.body)")
                    if let field {
                        #expect(response.error?.details?["field"] == .string(field), "\(method) \(path) \(body ?? ""): \(response.body)")
                    }
                }
            }
            // Nothing of the refused submissions was recorded.
            #expect(try await fixture.throughGateway.getRecommendations(caller: user.caller).allSatisfy { $0.quizId == nil })
            // Without a token: 401, directly too.
            for baseURL in [fixture.gatewayURL, fixture.learningURL] {
                #expect(try await fixture.send("GET", "/api/v1/learning/path", via: baseURL).status == 401)
            }
        }
    }

    @Test func anotherUsersDataIsNeverVisible() async throws {
        try await LearningFixture.run { fixture in
            let ada = try await fixture.signIn("ada")
            let bob = try await fixture.signIn("bob")
            let service = fixture.throughGateway
            let injection = Self.module(fixture, "injection")
            let quiz = try #require(fixture.curriculum.quizzes(of: injection.id).first)
            let before = try await service.getRecommendations(caller: bob.caller)
            let bobPath = try await service.getPath(caller: bob.caller)
            try await service.updateProgress(UpdateProgressRequest(moduleId: injection.id, progress: 50), caller: ada.caller)
            _ = try await service.submitAnswer(quiz.id, SubmitAnswersRequest(answers: quiz.questions.map { QuizAnswer(questionId: $0.id, choice: ($0.answer + 1) % $0.choices.count) }), caller: ada.caller)
            #expect(try await service.getPath(caller: bob.caller) == bobPath)
            #expect(try await service.getRecommendations(caller: bob.caller) == before)
            #expect(try await service.getRecommendations(caller: ada.caller).first?.kind == .failedQuiz)
            #expect(try await service.getPath(caller: ada.caller).userId == ada.id)
        }
    }

    @Test func agentsReportTheirState() async throws {
        try await LearningFixture.run { fixture in
            let user = try await fixture.signIn()
            _ = try await fixture.throughGateway.getPath(caller: user.caller)
            _ = try await fixture.throughGateway.getRecommendations(caller: user.caller)
            let statuses = try await fixture.throughGateway.agentStatus(caller: user.caller)
            #expect(statuses.map(\.name) == [ProgressTracker.name, QuizGrader.name, Recommender.name, FleetEventListener.name])
            #expect(statuses.allSatisfy { $0.mailboxCapacity == 64 && $0.mailbox >= 0 && $0.state != .stopped })
            #expect(statuses[0].processed >= 1)
            #expect(statuses[3].capabilities == ["ai.analysis_completed", "project.created", "project.claimed", "project.collaborator_added"])
            #expect(statuses.allSatisfy { !$0.capabilities.isEmpty })
            #expect(statuses[2].processed >= 1)
        }
    }
}
