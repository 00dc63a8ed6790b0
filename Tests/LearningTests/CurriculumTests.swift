import Contracts
import Foundation
import Learning
import Testing
import TestSupport

/// The shipped curriculum is real and complete, and a broken file does not load, naming the broken entry.
@Suite("Curriculum")
struct CurriculumTests {
    static let shipped = try! CurriculumLoader.bundled()

    @Test func shippedCurriculumCoversWhatTheFleetFindsAndTeaches() throws {
        let curriculum = Self.shipped
        #expect(curriculum.modules.count >= 10)
        #expect(curriculum.quizzes.count >= 10)
        for quiz in curriculum.quizzes {
            #expect(quiz.questions.count >= 5, "\(quiz.title)")
            for question in quiz.questions {
                #expect(question.choices.count >= 3, "\(question.text)")
                #expect(question.explanation.count > 40, "\(question.text) needs a real explanation")
            }
        }
        let categories = Set(curriculum.modules.map(\.category))
        #expect(categories.isSuperset(of: ["security", "testing", "design", "architecture", "performance", "concurrency", "documentation", "practice"]))
        // Every rule the AI gateway can report leads to at least one module.
        for rule in RuleID.allCases {
            #expect(!curriculum.modules(teaching: rule).isEmpty, "no module teaches \(rule.rawValue)")
        }
        // The seeds' own patterns are taught.
        let text = curriculum.modules.map { "\($0.title) \($0.summary) \($0.lessons.map(\.body).joined())" }.joined().lowercased()
        for pattern in ["lock", "blackboard", "circuit breaker", "saga", "cqrs"] {
            #expect(text.contains(pattern), "\(pattern) is not taught")
        }
        // Some modules have prerequisites, and practice modules open through project activity.
        #expect(curriculum.modules.contains { !$0.prerequisites.isEmpty })
        #expect(Set(curriculum.modules.flatMap(\.unlockedBy)) == [.projectCreated, .projectClaimed, .projectCollaboratorAdded])
        // The answers are spread over the positions, so guessing one position does not pass.
        let positions = Dictionary(grouping: curriculum.quizzes.flatMap(\.questions), by: \.answer).mapValues(\.count)
        #expect(positions.count >= 3)
    }

    @Test func publicQuizzesCarryNoAnswers() throws {
        let quiz = try #require(Self.shipped.quizzes.first)
        let view = try #require(Self.shipped.publicQuiz(quiz))
        let json = String(decoding: try JSONCoding.makeEncoder().encode(view), as: UTF8.self)
        #expect(!json.contains("answer"))
        #expect(!json.contains("explanation"))
        #expect(!json.contains(quiz.questions[0].explanation))
        #expect(view.questions.map(\.choices) == quiz.questions.map(\.choices))
    }

    // MARK: Broken files

    static func file(modules: [String], quizzes: [String] = []) -> Data {
        Data(#"{"version": 1, "modules": [\#(modules.joined(separator: ","))], "quizzes": [\#(quizzes.joined(separator: ","))]}"#.utf8)
    }

    static func module(_ key: String, id: String = UUID().uuidString, prerequisites: [String] = [], rules: [String] = ["tests.missing"], unlockedBy: [String] = []) -> String {
        let prerequisites = prerequisites.map { "\"\($0)\"" }.joined(separator: ",")
        let rules = rules.map { "\"\($0)\"" }.joined(separator: ",")
        let unlockedBy = unlockedBy.map { "\"\($0)\"" }.joined(separator: ",")
        return #"""
        {"id": "\#(id)", "key": "\#(key)", "title": "Title \#(key)", "summary": "Summary.", "category": "testing",
         "prerequisites": [\#(prerequisites)], "rules": [\#(rules)], "unlockedBy": [\#(unlockedBy)], "estimatedMinutes": 10,
         "lessons": [{"title": "Lesson", "body": "Body."}]}
        """#
    }

    static func quiz(module: String, answer: Int = 0, questionId: String = UUID().uuidString, choices: [String] = ["a", "b"]) -> String {
        let choices = choices.map { "\"\($0)\"" }.joined(separator: ",")
        return #"""
        {"id": "\#(UUID().uuidString)", "title": "Quiz", "module": "\#(module)", "questions": [
          {"id": "\#(questionId)", "text": "Q?", "choices": [\#(choices)], "answer": \#(answer), "explanation": "Because."}]}
        """#
    }

    @Test func aValidSmallFileLoads() throws {
        let curriculum = try CurriculumLoader.load(Self.file(
            modules: [Self.module("basics"), Self.module("advanced", prerequisites: ["basics"])],
            quizzes: [Self.quiz(module: "advanced", answer: 1)]
        ))
        #expect(curriculum.modules.map(\.key) == ["basics", "advanced"])
        #expect(curriculum.quizzes.first?.questions.first?.answer == 1)
    }

    static let brokenCases: [(String, Data, String, String)] = {
        let sharedId = UUID().uuidString
        return [
            ("unknown rule id", file(modules: [module("basics"), module("secure", rules: ["security.sql-injection", "security.made-up"])]),
             "modules[1] (secure)", "security.made-up"),
            ("unknown prerequisite", file(modules: [module("advanced", prerequisites: ["missing"])]), "modules[0] (advanced)", "missing"),
            ("prerequisite cycle", file(modules: [module("a", prerequisites: ["b"]), module("b", prerequisites: ["a"])]), "modules", "cycle"),
            ("duplicate module id", file(modules: [module("a", id: sharedId), module("b", id: sharedId)]), "modules[1] (b)", "used twice"),
            ("bad key", file(modules: [module("Not A Key")]), "modules[0] (Not A Key)", "key"),
            ("answer out of range", file(modules: [module("a")], quizzes: [quiz(module: "a", answer: 2)]), "quizzes[0].questions[0]", "answer 2"),
            ("quiz of an unknown module", file(modules: [module("a")], quizzes: [quiz(module: "b")]), "quizzes[0] (Quiz)", "module 'b'"),
            ("repeated choice", file(modules: [module("a")], quizzes: [quiz(module: "a", choices: ["x", "x"])]), "quizzes[0].questions[0]", "same choice"),
            ("unlocked by a non-project event", file(modules: [module("a", unlockedBy: ["auth.user_registered"])]), "modules[0] (a)", "auth.user_registered"),
            ("missing field", Data(#"{"modules": [{"id": "x"}]}"#.utf8), "modules[0]", "missing"),
            ("not JSON", Data("modules:\n  - nope".utf8), "file", "JSON"),
            ("no modules", file(modules: []), "modules", "at least one"),
        ]
    }()

    @Test("broken files do not load and name the entry", arguments: brokenCases)
    func brokenFile(_ name: String, _ data: Data, _ entry: String, _ fragment: String) {
        do {
            _ = try CurriculumLoader.load(data)
            Issue.record("\(name) loaded")
        } catch {
            #expect(error.entry == entry, "\(name): \(error)")
            #expect(error.description.contains(fragment), "\(name): \(error)")
        }
    }

    @Test func aServiceWithABrokenCurriculumDoesNotStart() throws {
        let path = try TestSupportPaths.write(Self.file(modules: [Self.module("a", rules: ["security.nope"])]))
        var settings = LearningSettings(service: .init(name: "learning", port: 0), authURL: URL(string: "http://127.0.0.1:1")!)
        settings.curriculumPath = path
        #expect(throws: CurriculumError.self) { _ = try LearningApplication.build(settings: settings, logger: TestEnvironment.logger("learning")) }
    }
}

enum TestSupportPaths {
    /// Writes `data` to a new temporary file and returns its path.
    static func write(_ data: Data) throws -> String {
        let path = (NSTemporaryDirectory() as NSString).appendingPathComponent("curriculum-\(UUID().uuidString.prefix(8)).json")
        try data.write(to: URL(fileURLWithPath: path))
        return path
    }
}
