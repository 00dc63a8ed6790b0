import Contracts
import Foundation
import Testing
import TestSupport

/// `devmentor analyze` and `devmentor chat` against the AI gateway with its built-in local analyzer.
@Suite("CLI: analyze and chat", .serialized)
struct CLIAITests {
    static let services = ["auth", "ai-gateway", "projects", "gateway"]

    static let injectable = """
        import os

        def lookup(cursor, name):
            query = "SELECT * FROM users WHERE name = '" + name + "'"
            cursor.execute(query)
            return eval(name)
        """

    @Test func analyzeFindsTheInjectionInAFileAndSaysSoInWordsAndJSON() async throws {
        try await CLIFleet.run(services: Self.services) { cli in
            let ada = try await cli.signUp("Ada")
            let file = cli.directory + "/lookup.py"
            try Self.injectable.write(toFile: file, atomically: true, encoding: .utf8)

            let json = try await cli.run(["analyze", file, "--json"], as: ada)
            try #require(json.status == 0, "\(json)")
            let analysis = try json.json(CodeAnalysis.self)
            let security = analysis.findings.filter { $0.agent == "security" }
            #expect(!security.isEmpty, "\(analysis.findings)")
            #expect(security.contains { $0.line == 5 || $0.line == 4 })
            #expect(analysis.metrics.functions == 1)
            // Not a terminal: no spinner characters reach stderr.
            #expect(!json.stderr.contains("\r"))

            let words = try await cli.run(["analyze", file], as: ada)
            #expect(words.status == 0, "\(words)")
            #expect(words.stdout.contains("Findings:"))
            #expect(words.stdout.contains("[security]"))
            #expect(words.stdout.contains("Solution (confidence"))

            let fromStdin = try await cli.run(["analyze", "-", "--language", "python", "--json"], as: ada, input: Self.injectable)
            #expect(fromStdin.status == 0, "\(fromStdin)")
            let missing = try await cli.run(["analyze", cli.directory + "/none.py"], as: ada)
            #expect(missing.status == 1)
            #expect(missing.stderr.contains("Cannot read"))
        }
    }

    @Test func chatAnswersOneShotAndInteractivelyWithStreamedTokens() async throws {
        try await CLIFleet.run(services: Self.services) { cli in
            let ada = try await cli.signUp("Ada")
            let oneShot = try await cli.run(["chat", "--message", "What is wrong with eval(name)?", "--json"], as: ada)
            try #require(oneShot.status == 0, "\(oneShot)")
            let exchange = try oneShot.json(ChatExchange.self)
            #expect(exchange.message.role == .assistant)
            #expect(!exchange.message.content.isEmpty)

            // The same conversation goes on; the streamed answer is printed as it comes.
            let streamed = try await cli.run(
                ["chat", "--conversation", exchange.conversationId.lowercasedString, "--message", "And how do I fix it?"], as: ada
            )
            #expect(streamed.status == 0, "\(streamed)")
            #expect(streamed.stdout.trimmingCharacters(in: .whitespacesAndNewlines).count > 0)

            let interactive = try await cli.run(["chat"], as: ada, input: "Explain SQL injection.\nThanks.\n\n")
            #expect(interactive.status == 0, "\(interactive)")
            #expect(interactive.stderr.contains("Conversation "))
            #expect(interactive.stdout.split(separator: "\n").filter { !$0.isEmpty }.count >= 2, "\(interactive)")

            let someoneElses = try await cli.run(["chat", "--conversation", UUID().lowercasedString, "--message", "hi"], as: ada)
            #expect(someoneElses.status == 1)
            #expect(someoneElses.stderr.contains("error: NOT_FOUND"))
        }
    }
}

/// One line of `chat --json`.
struct ChatExchange: Decodable {
    var conversationId: UUID
    var message: ChatMessage
}
