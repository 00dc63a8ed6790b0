import Contracts
import DevMentorClient
import Foundation
import Testing
import TestSupport

@Suite("CLI: memory and learning", .serialized)
struct CLIMemoryAndLearningTests {
    @Test func keysEmbeddingsAndSimilaritySearch() async throws {
        try await CLIFleet.run { cli in
            let ada = try await cli.signUp("Ada")
            let put = try await cli.run(["memory", "put", "prefs/theme", #"{"theme":"dark","size":3}"#], as: ada)
            #expect(put.status == 0, "\(put)")
            let entry = try await cli.run(["memory", "get", "prefs/theme", "--json"], as: ada).json(MemoryEntry.self)
            #expect(entry.key == "prefs/theme")
            #expect(entry.data == .object(["theme": .string("dark"), "size": .number(3)]))
            #expect(entry.expiresAt == nil)

            #expect(try await cli.run(["memory", "put", "greeting", "hello there", "--string", "--ttl", "600"], as: ada).status == 0)
            let greeting = try await cli.run(["memory", "get", "greeting"], as: ada)
            #expect(greeting.stdout == "hello there\n")
            #expect(greeting.stderr.contains("(expires "))

            let listed = try await cli.run(["memory", "list", "--json"], as: ada).json([MemoryKeyInfo].self)
            #expect(listed.map(\.key) == ["greeting", "prefs/theme"])
            #expect(listed.first?.expiresAt != nil && listed.last?.expiresAt == nil)
            let table = try await cli.run(["memory", "list", "prefs/*"], as: ada)
            #expect(table.status == 0)
            #expect(table.stdout.contains("prefs/theme") && !table.stdout.contains("greeting"))
            #expect(try await cli.run(["memory", "list", "nothing:*"], as: ada).stdout.contains("No keys match nothing:*."))
            #expect(try await cli.run(["memory", "list", "a b"], as: ada).stderr.contains("VALIDATION_FAILED"))

            let notJSON = try await cli.run(["memory", "put", "x", "{broken"], as: ada)
            #expect(notJSON.status == 64)
            #expect(try await cli.run(["memory", "delete", "greeting"], as: ada).status == 0)
            let gone = try await cli.run(["memory", "get", "greeting"], as: ada)
            #expect(gone.status == 1)
            #expect(gone.stderr.contains("error: NOT_FOUND"))

            // Another user's keys are not Ada's.
            let bob = try await cli.signUp("Bob")
            #expect(try await cli.run(["memory", "get", "prefs/theme"], as: bob).status == 1)

            let near = UUID().lowercasedString
            let far = UUID().lowercasedString
            #expect(try await cli.run(["memory", "embed", near, "--vector", "1,0.1,0", "--metadata", #"{"doc":"near"}"#], as: ada).status == 0)
            #expect(try await cli.run(["memory", "embed", far, "--vector", "0,0,1"], as: ada).status == 0)
            let matches = try await cli.run(["memory", "search", "--vector", "1,0,0", "--limit", "2", "--json"], as: ada).json([SimilarityMatch].self)
            #expect(matches.map { $0.id.lowercasedString } == [near, far])
            #expect(matches.first?.metadata == .object(["doc": .string("near")]))
            let mismatch = try await cli.run(["memory", "search", "--vector", "1,0"], as: ada)
            #expect(mismatch.status == 1)
            #expect(mismatch.stderr.contains("error: DIMENSION_MISMATCH") || mismatch.stderr.contains("error: VALIDATION_FAILED"), "\(mismatch)")
        }
    }

    @Test func thePathAQuizAnsweredBothWaysAndRecommendations() async throws {
        try await CLIFleet.run { cli in
            let ada = try await cli.signUp("Ada")
            let path = try await cli.run(["learn", "path", "--json"], as: ada)
            try #require(path.status == 0, "\(path)")
            let modules = try path.json(LearningPath.self).modules
            #expect(!modules.isEmpty)
            let table = try await cli.run(["learn", "path"], as: ada)
            #expect(table.stdout.hasPrefix("MODULE"))
            #expect(table.stdout.contains(modules[0].title))

            let quizzes = try await cli.run(["learn", "quizzes", "--json"], as: ada).json([QuizSummary].self)
            let summary = try #require(quizzes.first)
            let quizId = summary.id.lowercasedString
            // The quiz's question count, from the API itself.
            let answers = try await questionCount(of: summary.id, cli: cli, as: ada)

            let scripted = try await cli.run(["learn", "quiz", quizId, "--answers", Array(repeating: "0", count: answers).joined(separator: ","), "--json"], as: ada)
            try #require(scripted.status == 0, "\(scripted)")
            let result = try scripted.json(QuizResult.self)
            #expect(result.total == answers)
            #expect(result.correct + result.mistakes.count == answers)

            // Interactively: a wrong entry is asked again, then the answers come one line each.
            let typed = "9\n" + Array(repeating: "1", count: answers).joined(separator: "\n") + "\n"
            let interactive = try await cli.run(["learn", "quiz", quizId], as: ada, input: typed)
            #expect(interactive.status == 0, "\(interactive)")
            #expect(interactive.stdout.contains("of \(answers) correct"))
            #expect(interactive.stderr.contains("Type a number from 0 to"))

            let wrongCount = try await cli.run(["learn", "quiz", quizId, "--answers", "0"] , as: ada)
            if answers != 1 { #expect(wrongCount.status == 64) }

            let recommendations = try await cli.run(["learn", "recommendations", "--json"], as: ada)
            #expect(recommendations.status == 0, "\(recommendations)")
            _ = try recommendations.json([Recommendation].self)
        }
    }

    /// The number of questions of a quiz, read through the gateway with the user's stored token.
    private func questionCount(of quiz: UUID, cli: CLI, as user: CLI.User) async throws -> Int {
        let token = try JSONCoding.makeDecoder().decode(AuthToken.self, from: Data(contentsOf: URL(fileURLWithPath: user.tokenFile)))
        return try await DevMentorClient.withDedicatedHTTPClient(baseURL: cli.gatewayURL) { client in
            try await client.getQuiz(quiz, caller: token.caller).questions.count
        }
    }
}
