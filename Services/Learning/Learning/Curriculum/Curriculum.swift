import Contracts
import Foundation

/// The whole curriculum, validated (`CurriculumLoader`), with the look-ups the agents need.
public struct Curriculum: Sendable {
    /// In the file's order, which is the learning path's order.
    public let modules: [CurriculumModule]
    public let quizzes: [CurriculumQuiz]

    private let moduleIndex: [UUID: Int]
    private let keyIndex: [String: Int]
    private let quizIndex: [UUID: Int]

    /// Assumes a validated curriculum (unique ids and keys); `CurriculumLoader` is the way in.
    init(modules: [CurriculumModule], quizzes: [CurriculumQuiz]) {
        self.modules = modules
        self.quizzes = quizzes
        moduleIndex = Dictionary(uniqueKeysWithValues: modules.enumerated().map { ($1.id, $0) })
        keyIndex = Dictionary(uniqueKeysWithValues: modules.enumerated().map { ($1.key, $0) })
        quizIndex = Dictionary(uniqueKeysWithValues: quizzes.enumerated().map { ($1.id, $0) })
    }

    public func module(_ id: UUID) -> CurriculumModule? {
        moduleIndex[id].map { modules[$0] }
    }

    public func module(key: String) -> CurriculumModule? {
        keyIndex[key].map { modules[$0] }
    }

    /// The module's position in the path, for stable ordering.
    public func position(of moduleId: UUID) -> Int {
        moduleIndex[moduleId] ?? modules.count
    }

    public func quiz(_ id: UUID) -> CurriculumQuiz? {
        quizIndex[id].map { quizzes[$0] }
    }

    /// The module a quiz examines (always present in a validated curriculum).
    public func module(of quiz: CurriculumQuiz) -> CurriculumModule? {
        module(key: quiz.module)
    }

    public func quizzes(of moduleId: UUID) -> [CurriculumQuiz] {
        guard let module = module(moduleId) else { return [] }
        return quizzes.filter { $0.module == module.key }
    }

    /// The modules that teach `rule`, in path order.
    public func modules(teaching rule: RuleID) -> [CurriculumModule] {
        modules.filter { $0.rules.contains(rule) }
    }

    /// The practice modules that `type` opens.
    public func modules(unlockedBy type: EventType) -> [CurriculumModule] {
        modules.filter { $0.unlockedBy.contains(type) }
    }

    /// The prerequisites of `module` as modules.
    public func prerequisites(of module: CurriculumModule) -> [CurriculumModule] {
        module.prerequisites.compactMap { self.module(key: $0) }
    }

    public func summaries() -> [QuizSummary] {
        quizzes.compactMap { quiz in module(of: quiz).map { QuizSummary(id: quiz.id, title: quiz.title, moduleId: $0.id) } }
    }

    /// What a client sees of a quiz: the questions and choices, never the answers or explanations.
    public func publicQuiz(_ quiz: CurriculumQuiz) -> Quiz? {
        guard let module = module(of: quiz) else { return nil }
        return Quiz(
            id: quiz.id, title: quiz.title, moduleId: module.id,
            questions: quiz.questions.map { Quiz.Question(id: $0.id, text: $0.text, choices: $0.choices) }
        )
    }
}
