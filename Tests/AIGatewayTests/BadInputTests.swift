import Contracts
import Foundation
import Testing
import TestSupport

/// Every bad input of the issue answered with API.md's error body through the gateway, never a 500, and the
/// service still answering afterwards.
@Suite("AI bad input")
struct BadInputTests {
    static func json(_ value: [String: Any]) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: value), as: UTF8.self)
    }

    func expectValidation(_ response: RawResponse, field: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(response.status == 400, "\(response.body)", sourceLocation: sourceLocation)
        #expect(response.error?.code == ErrorCode.validationFailed.rawValue, sourceLocation: sourceLocation)
        #expect(response.error?.details?["field"] == .string(field), "\(response.body)", sourceLocation: sourceLocation)
    }

    @Test func analyzeRefusesEveryKindOfBadCode() async throws {
        try await AIFixture.run { fixture in
            let user = try await fixture.signIn()
            let analyze = { (body: String) in try await fixture.send("POST", "/api/v1/ai/analyze", as: user, body: body) }
            expectValidation(try await analyze(Self.json(["code": ""])), field: "code")
            expectValidation(try await analyze(Self.json(["code": "   \n  "])), field: "code")
            expectValidation(try await analyze(Self.json(["code": String(repeating: "x = 1\n", count: AIRules.maxCodeBytes / 6 + 1)])), field: "code")
            expectValidation(try await analyze("{\"code\": \"def f():\\u0000 return 1\", \"language\": \"python\"}"), field: "code")
            expectValidation(try await analyze(Self.json(["code": "x = 1", "language": "cobol"])), field: "language")
            // Invalid UTF-8 inside the JSON string.
            let invalid = Array("{\"code\": \"a".utf8) + [0xC3, 0x28, 0xFF] + Array("\", \"language\": \"python\"}".utf8)
            let broken = try await fixture.send("POST", "/api/v1/ai/analyze", as: user, bytes: invalid)
            #expect(broken.status == 400)
            #expect(broken.error?.code == ErrorCode.validationFailed.rawValue)
            // Wrong types and missing fields.
            expectValidation(try await analyze("{\"code\": 42}"), field: "code")
            expectValidation(try await analyze("{}"), field: "code")
        }
    }

    @Test func hundredThousandNestedBracketsLeaveTheServiceStanding() async throws {
        try await AIFixture.run { fixture in
            let user = try await fixture.signIn()
            for (open, close) in [("(", ")"), ("[", "]"), ("{", "}")] {
                let code = "x = " + String(repeating: open, count: 100_000) + String(repeating: close, count: 100_000) + "\n"
                let response = try await fixture.send("POST", "/api/v1/ai/analyze", as: user, body: Self.json(["code": code, "language": "python"]))
                #expect(response.status == 200 || response.status == 400, "\(response.status) \(response.body.prefix(300))")
            }
            // The same nesting inside the JSON of knowledge data: refused by the decoder, not a crash.
            let board = try await fixture.throughGateway.initializeBlackboard(
                CreateBlackboardRequest(problem: BlackboardProblem(context: "nesting")), caller: user.caller
            )
            let deep = "{\"source\": \"s\", \"type\": \"insight\", \"confidence\": 0.5, \"data\": "
                + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "}"
            let nested = try await fixture.send("POST", "/api/v1/ai/blackboards/\(board.id.lowercasedString)/knowledge", as: user, body: deep)
            #expect(nested.status == 400, "\(nested.body.prefix(300))")
            let alive = try await fixture.send("POST", "/api/v1/ai/analyze", as: user, body: Self.json(["code": Samples.python]))
            #expect(alive.status == 200)
        }
    }

    @Test func knowledgeOutsideItsRulesIsRefused() async throws {
        try await AIFixture.run { fixture in
            let user = try await fixture.signIn()
            let board = try await fixture.throughGateway.initializeBlackboard(
                CreateBlackboardRequest(problem: BlackboardProblem(code: Samples.swift)), caller: user.caller
            )
            let path = "/api/v1/ai/blackboards/\(board.id.lowercasedString)/knowledge"
            let post = { (body: [String: Any]) in try await fixture.send("POST", path, as: user, body: Self.json(body)) }
            expectValidation(try await post(["source": "s", "type": "insight", "confidence": 1.5, "data": [:]]), field: "confidence")
            expectValidation(try await post(["source": "s", "type": "insight", "confidence": -0.1, "data": [:]]), field: "confidence")
            expectValidation(try await post(["source": "s", "type": "rumour", "confidence": 0.5, "data": [:]]), field: "type")
            expectValidation(try await post(["source": "", "type": "insight", "confidence": 0.5, "data": [:]]), field: "source")
            let big = String(repeating: "x", count: AIRules.maxKnowledgeDataBytes)
            expectValidation(try await post(["source": "s", "type": "insight", "confidence": 0.5, "data": big]), field: "data")
            let notAnId = try await fixture.send("POST", "/api/v1/ai/blackboards/not-a-uuid/knowledge", as: user, body: Self.json(["source": "s"]))
            expectValidation(notAnId, field: "id")
            #expect(try await fixture.throughGateway.blackboard(board.id, caller: user.caller).contributions.isEmpty)
        }
    }

    @Test func blackboardsAndMessagesValidateTheirBodies() async throws {
        try await AIFixture.run { fixture in
            let user = try await fixture.signIn()
            expectValidation(try await fixture.send("POST", "/api/v1/ai/blackboards", as: user, body: Self.json(["problem": [:]])), field: "problem")
            expectValidation(
                try await fixture.send("POST", "/api/v1/ai/blackboards", as: user, body: Self.json(["problem": ["code": "x = 1", "language": "klingon"]])),
                field: "problem.language"
            )
            // Present code is held to its rule even beside a context (the OpenAPI minLength; schemathesis sent "").
            expectValidation(
                try await fixture.send("POST", "/api/v1/ai/blackboards", as: user, body: Self.json(["problem": ["code": "", "context": "why"]])),
                field: "problem.code"
            )
            let conversation = try await fixture.throughGateway.startConversation(caller: user.caller)
            let messages = "/api/v1/ai/conversations/\(conversation.id.lowercasedString)/messages"
            expectValidation(try await fixture.send("POST", messages, as: user, body: Self.json(["content": ""])), field: "content")
            expectValidation(try await fixture.send("POST", messages, as: user, body: "{\"content\": \"a\\u0007b\"}"), field: "content")
            expectValidation(try await fixture.send("POST", "/api/v1/ai/suggestions", as: user, body: Self.json(["code": ""])), field: "code")
        }
    }
}
