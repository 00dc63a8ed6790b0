import Contracts
import Foundation
import Testing
import TestSupport

/// The behaviour every `AIGatewayService` must show, whoever implements it and whatever lies in between.
@Suite("AIGatewayService conformance")
struct AIGatewayServiceConformanceTests {
    static let code = """
        import os

        def lookup(cursor, name):
            query = "SELECT * FROM users WHERE name = '" + name + "'"
            cursor.execute(query)
            return eval(name)
        """

    @Test(arguments: AIGatewayServiceTarget.allCases)
    func analyzeRunsEveryAgentAndSynthesizes(_ target: AIGatewayServiceTarget) async throws {
        try await target.withService { service, users in
            let caller = try await users.signIn()
            let analysis = try await service.analyzeCode(AnalyzeCodeRequest(code: Self.code, language: "py"), caller: caller)
            #expect(analysis.metrics.lines == 6)
            #expect(analysis.metrics.functions == 1)
            #expect(analysis.solution.blackboardId == analysis.id)
            #expect(analysis.summary == analysis.solution.summary)
            #expect(analysis.solution.contributors.contains("code-analysis"))
            let board = try await service.blackboard(analysis.id, caller: caller)
            #expect(board.status == .solved)
            #expect(board.problem.language == "python")
            #expect(!board.contributions.isEmpty)
        }
    }

    @Test(arguments: AIGatewayServiceTarget.allCases)
    func blackboardLifecycle(_ target: AIGatewayServiceTarget) async throws {
        try await target.withService { service, users in
            let caller = try await users.signIn()
            let board = try await service.initializeBlackboard(CreateBlackboardRequest(problem: BlackboardProblem(code: Self.code)), caller: caller)
            #expect(board.status == .open)
            try await service.contributeKnowledge(
                board.id, Knowledge(source: "reviewer", type: .warning, confidence: 0.7, data: .object(["message": .string("Check the query")])),
                caller: caller
            )
            let run = try await service.runBlackboard(board.id, caller: caller)
            #expect(run.contributions > 0)
            let detail = try await service.blackboard(board.id, caller: caller)
            #expect(detail.contributions.count == run.contributions + 1)
            #expect(detail.contributions[0].source == "reviewer")
            #expect(detail.status == .open)
            let solution = try await service.synthesizeSolution(board.id, caller: caller)
            #expect(solution.contributors.contains("reviewer"))
            #expect(solution.confidence > 0 && solution.confidence <= 1)
            #expect(try await service.blackboard(board.id, caller: caller).status == .solved)
        }
    }

    @Test(arguments: AIGatewayServiceTarget.allCases)
    func boardsAndConversationsBelongToTheirCreator(_ target: AIGatewayServiceTarget) async throws {
        try await target.withService { service, users in
            let ada = try await users.signIn("ada")
            let bob = try await users.signIn("bob")
            let board = try await service.initializeBlackboard(CreateBlackboardRequest(problem: BlackboardProblem(context: "ada's")), caller: ada)
            await expectAppError(.notFound) { _ = try await service.blackboard(board.id, caller: bob) }
            await expectAppError(.notFound) { _ = try await service.runBlackboard(board.id, caller: bob) }
            let conversation = try await service.startConversation(caller: ada)
            await expectAppError(.notFound) { _ = try await service.sendMessage(conversation.id, SendMessageRequest(content: "hi"), caller: bob) }
            await expectAppError(.notFound) { _ = try await service.streamResponse(conversation.id, caller: bob) }
        }
    }

    @Test(arguments: AIGatewayServiceTarget.allCases)
    func badInputIsAValidationError(_ target: AIGatewayServiceTarget) async throws {
        try await target.withService { service, users in
            let caller = try await users.signIn()
            let unknown = await expectAppError(.validationFailed) {
                _ = try await service.analyzeCode(AnalyzeCodeRequest(code: "x = 1", language: "brainfuck"), caller: caller)
            }
            #expect(unknown?.details?["field"] == .string("language"))
            await expectAppError(.validationFailed) { _ = try await service.analyzeCode(AnalyzeCodeRequest(code: ""), caller: caller) }
            let board = try await service.initializeBlackboard(CreateBlackboardRequest(problem: BlackboardProblem(context: "c")), caller: caller)
            let confidence = await expectAppError(.validationFailed) {
                try await service.contributeKnowledge(board.id, Knowledge(source: "s", type: .insight, confidence: 2, data: .null), caller: caller)
            }
            #expect(confidence?.details?["field"] == .string("confidence"))
        }
    }

    @Test(arguments: AIGatewayServiceTarget.allCases)
    func conversationAnswersAndStreams(_ target: AIGatewayServiceTarget) async throws {
        try await target.withService { service, users in
            let caller = try await users.signIn()
            let conversation = try await service.startConversation(caller: caller)
            let answer = try await service.sendMessage(conversation.id, SendMessageRequest(content: "```python\n\(Self.code)\n```"), caller: caller)
            #expect(answer.message.role == .assistant)
            #expect(!answer.message.content.isEmpty)
            var text = ""
            var done: Int?
            for try await event in try await service.streamResponse(conversation.id, caller: caller) {
                switch event {
                case .token(let token): text += token
                case .done(let tokens): done = tokens
                }
            }
            #expect(text == answer.message.content)
            #expect((done ?? 0) > 0)
        }
    }

    @Test(arguments: AIGatewayServiceTarget.allCases)
    func suggestionsAndProviders(_ target: AIGatewayServiceTarget) async throws {
        try await target.withService { service, users in
            let caller = try await users.signIn()
            let suggestions = try await service.generateSuggestions(SuggestionsRequest(code: Self.code), caller: caller)
            #expect(!suggestions.isEmpty)
            #expect(suggestions.allSatisfy { ($0.line ?? 1) >= 1 && ($0.line ?? 1) <= 6 })
            let providers = try await service.providers(caller: caller)
            #expect(providers.last?.name == "local")
            #expect(providers.last?.healthy == true)
        }
    }
}
