import Contracts
import Foundation

/// Reads and validates a curriculum file. Every rule broken is reported with the entry that breaks it, so a bad
/// edit stops the service at start with a message saying where, instead of surfacing as a wrong answer later.
///
/// The format (JSON) is described in docs/learning.md.
public enum CurriculumLoader {
    /// The resource shipped with the service.
    public static var bundledURL: URL? {
        Bundle.module.url(forResource: "curriculum", withExtension: "json")
    }

    /// The shipped curriculum.
    public static func bundled() throws(CurriculumError) -> Curriculum {
        guard let url = bundledURL else { throw CurriculumError("file", "curriculum.json is missing from the Learning bundle.") }
        return try load(from: url)
    }

    public static func load(from url: URL) throws(CurriculumError) -> Curriculum {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw CurriculumError("file", "cannot read \(url.path): \(error.localizedDescription)")
        }
        return try load(data)
    }

    public static func load(_ data: Data) throws(CurriculumError) -> Curriculum {
        let file: CurriculumFile
        do {
            file = try JSONDecoder().decode(CurriculumFile.self, from: data)
        } catch let error as DecodingError {
            throw describe(error)
        } catch {
            throw CurriculumError("file", "is not valid JSON: \(error)")
        }
        return try validate(file)
    }

    // MARK: - Validation

    /// Lower-case letters and digits in words joined by single hyphens: `secure-coding-2`.
    static func isKey(_ key: String) -> Bool {
        let words = key.split(separator: "-", omittingEmptySubsequences: false)
        return !key.isEmpty && key.count <= 100 && words.allSatisfy { word in
            !word.isEmpty && word.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
        }
    }

    static func validate(_ file: CurriculumFile) throws(CurriculumError) -> Curriculum {
        guard (file.version ?? 1) == 1 else { throw CurriculumError("version", "must be 1 (got \(file.version ?? 0)).") }
        guard !file.modules.isEmpty else { throw CurriculumError("modules", "must list at least one module.") }
        var modules: [CurriculumModule] = []
        var ids: Set<UUID> = []
        var keys: Set<String> = []
        for (index, raw) in file.modules.enumerated() {
            let entry = "modules[\(index)] (\(raw.key))"
            guard isKey(raw.key) else {
                throw CurriculumError(entry, "key must be lower-case words joined by hyphens.")
            }
            guard let id = UUID(uuidString: raw.id) else { throw CurriculumError(entry, "id '\(raw.id)' is not a UUID.") }
            guard ids.insert(id).inserted else { throw CurriculumError(entry, "id \(raw.id) is used twice.") }
            guard keys.insert(raw.key).inserted else { throw CurriculumError(entry, "key is used twice.") }
            try requireText(raw.title, entry, "title", maxLength: 200)
            try requireText(raw.summary, entry, "summary", maxLength: 2_000)
            try requireText(raw.category, entry, "category", maxLength: 100)
            guard (1...1_000).contains(raw.estimatedMinutes) else {
                throw CurriculumError(entry, "estimatedMinutes must be 1 to 1000.")
            }
            guard !raw.lessons.isEmpty else { throw CurriculumError(entry, "must have at least one lesson.") }
            for (lessonIndex, lesson) in raw.lessons.enumerated() {
                try requireText(lesson.title, "\(entry).lessons[\(lessonIndex)]", "title", maxLength: 200)
                try requireText(lesson.body, "\(entry).lessons[\(lessonIndex)]", "body", maxLength: 20_000, lines: .multi)
            }
            var rules: [RuleID] = []
            for name in raw.rules {
                guard let rule = RuleID(rawValue: name) else {
                    throw CurriculumError(entry, "names unknown rule id '\(name)' (known: \(RuleID.allCases.map(\.rawValue).joined(separator: ", "))).")
                }
                guard !rules.contains(rule) else { throw CurriculumError(entry, "names rule id '\(name)' twice.") }
                rules.append(rule)
            }
            var unlockedBy: [EventType] = []
            for name in raw.unlockedBy ?? [] {
                guard let type = EventType(rawValue: name), type.source == .projects else {
                    throw CurriculumError(entry, "unlockedBy names '\(name)', which is not a project event type.")
                }
                unlockedBy.append(type)
            }
            modules.append(CurriculumModule(
                id: id, key: raw.key, title: raw.title, summary: raw.summary, category: raw.category,
                prerequisites: raw.prerequisites ?? [], rules: rules, unlockedBy: unlockedBy,
                estimatedMinutes: raw.estimatedMinutes,
                lessons: raw.lessons.map { CurriculumModule.Lesson(title: $0.title, body: $0.body) }
            ))
        }
        for (index, module) in modules.enumerated() {
            let entry = "modules[\(index)] (\(module.key))"
            for prerequisite in module.prerequisites {
                guard prerequisite != module.key else { throw CurriculumError(entry, "lists itself as a prerequisite.") }
                guard keys.contains(prerequisite) else { throw CurriculumError(entry, "prerequisite '\(prerequisite)' is not a module key.") }
            }
        }
        if let cycle = firstCycle(modules) {
            throw CurriculumError("modules", "prerequisites form a cycle: \(cycle.joined(separator: " → ")).")
        }

        var quizzes: [CurriculumQuiz] = []
        var quizIds: Set<UUID> = []
        var questionIds: Set<UUID> = []
        for (index, raw) in (file.quizzes ?? []).enumerated() {
            let entry = "quizzes[\(index)] (\(raw.title))"
            guard let id = UUID(uuidString: raw.id) else { throw CurriculumError(entry, "id '\(raw.id)' is not a UUID.") }
            guard quizIds.insert(id).inserted, !ids.contains(id) else { throw CurriculumError(entry, "id \(raw.id) is used twice.") }
            try requireText(raw.title, entry, "title", maxLength: 200)
            guard keys.contains(raw.module) else { throw CurriculumError(entry, "module '\(raw.module)' is not a module key.") }
            guard (1...LearningRules.maxAnswers).contains(raw.questions.count) else {
                throw CurriculumError(entry, "must have 1 to \(LearningRules.maxAnswers) questions.")
            }
            var questions: [CurriculumQuiz.Question] = []
            for (questionIndex, question) in raw.questions.enumerated() {
                let questionEntry = "quizzes[\(index)].questions[\(questionIndex)]"
                guard let questionId = UUID(uuidString: question.id) else {
                    throw CurriculumError(questionEntry, "id '\(question.id)' is not a UUID.")
                }
                guard questionIds.insert(questionId).inserted, !ids.contains(questionId), !quizIds.contains(questionId) else {
                    throw CurriculumError(questionEntry, "id \(question.id) is used twice.")
                }
                try requireText(question.text, questionEntry, "text", maxLength: 2_000)
                guard (2...LearningRules.maxChoices).contains(question.choices.count) else {
                    throw CurriculumError(questionEntry, "must offer 2 to \(LearningRules.maxChoices) choices.")
                }
                for (choiceIndex, choice) in question.choices.enumerated() {
                    try requireText(choice, questionEntry, "choices[\(choiceIndex)]", maxLength: 500)
                }
                guard Set(question.choices).count == question.choices.count else {
                    throw CurriculumError(questionEntry, "offers the same choice twice.")
                }
                guard question.choices.indices.contains(question.answer) else {
                    throw CurriculumError(questionEntry, "answer \(question.answer) is not an index of its \(question.choices.count) choices.")
                }
                try requireText(question.explanation, questionEntry, "explanation", maxLength: 2_000)
                questions.append(CurriculumQuiz.Question(
                    id: questionId, text: question.text, choices: question.choices, answer: question.answer, explanation: question.explanation
                ))
            }
            quizzes.append(CurriculumQuiz(id: id, title: raw.title, module: raw.module, questions: questions))
        }
        return Curriculum(modules: modules, quizzes: quizzes)
    }

    /// Non-blank, bounded, and without control characters (they end up in JSON bodies and log lines): the fleet's
    /// `TextRule`, one line unless `lines` says otherwise.
    private static func requireText(
        _ value: String, _ entry: String, _ field: String, maxLength: Int, lines: TextRule.Lines = .single
    ) throws(CurriculumError) {
        do {
            try TextRule(length: 1...maxLength, lines: lines, requiresContent: true).check(value, field)
        } catch {
            throw CurriculumError(entry, error.message)
        }
    }

    /// A prerequisite cycle as module keys (first repeated at the end), or nil.
    static func firstCycle(_ modules: [CurriculumModule]) -> [String]? {
        let prerequisites = Dictionary(uniqueKeysWithValues: modules.map { ($0.key, $0.prerequisites) })
        var done: Set<String> = []
        var path: [String] = []
        func visit(_ key: String) -> [String]? {
            if let start = path.firstIndex(of: key) { return Array(path[start...]) + [key] }
            guard !done.contains(key) else { return nil }
            path.append(key)
            for next in prerequisites[key] ?? [] {
                if let cycle = visit(next) { return cycle }
            }
            path.removeLast()
            done.insert(key)
            return nil
        }
        for module in modules {
            if let cycle = visit(module.key) { return cycle }
        }
        return nil
    }

    private static func describe(_ error: DecodingError) -> CurriculumError {
        func entry(_ path: [any CodingKey]) -> String {
            guard !path.isEmpty else { return "file" }
            return path.map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }.joined()
                .replacingOccurrences(of: ".[", with: "[")
                .trimmingCharacters(in: CharacterSet(charactersIn: "."))
        }
        switch error {
        case .keyNotFound(let key, let context):
            return CurriculumError(entry(context.codingPath), "is missing '\(key.stringValue)'.")
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return CurriculumError(entry(context.codingPath), "has the wrong type: \(context.debugDescription)")
        case .dataCorrupted(let context):
            return CurriculumError(entry(context.codingPath), "is not valid: \(context.debugDescription)")
        @unknown default:
            return CurriculumError("file", "\(error)")
        }
    }
}

/// The file as written, before validation: ids and references are plain strings so that a wrong one is reported
/// with its entry rather than as a decoding failure.
struct CurriculumFile: Decodable {
    struct Module: Decodable {
        struct Lesson: Decodable {
            var title: String
            var body: String
        }

        var id: String
        var key: String
        var title: String
        var summary: String
        var category: String
        var prerequisites: [String]?
        var rules: [String]
        var unlockedBy: [String]?
        var estimatedMinutes: Int
        var lessons: [Lesson]
    }

    struct Quiz: Decodable {
        struct Question: Decodable {
            var id: String
            var text: String
            var choices: [String]
            var answer: Int
            var explanation: String
        }

        var id: String
        var title: String
        var module: String
        var questions: [Question]
    }

    /// The format's version; 1, the only one, when absent.
    var version: Int?
    var modules: [Module]
    var quizzes: [Quiz]?
}
