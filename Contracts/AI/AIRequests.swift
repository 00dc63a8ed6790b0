import Foundation

/// `POST /api/v1/ai/analyze` → `{code, language?, context?}`.
public struct AnalyzeCodeRequest: Codable, Sendable, Equatable, Validatable {
    public var code: String
    public var language: String?
    /// Free text about the code (what it is for, what to look at).
    public var context: String?

    public init(code: String, language: String? = nil, context: String? = nil) {
        self.code = code
        self.language = language
        self.context = context
    }

    public func validate() throws(AppError) {
        try AIRules.validateCode(code)
        try ProjectRules.validateLanguage(language)
        try AIRules.validateContext(context, "context")
    }
}

/// `POST /api/v1/ai/suggestions` → `{code, goal?}`.
public struct SuggestionsRequest: Codable, Sendable, Equatable, Validatable {
    public var code: String
    /// What the user wants to improve (`readability`, `performance`, free text).
    public var goal: String?

    public init(code: String, goal: String? = nil) {
        self.code = code
        self.goal = goal
    }

    public func validate() throws(AppError) {
        try AIRules.validateCode(code)
        if let goal { try goal.check(as: AIRules.goal, "goal") }
    }
}

/// The problem a blackboard works on: code, a description, or both.
public struct BlackboardProblem: Codable, Sendable, Equatable {
    public var code: String?
    public var context: String?
    /// The code's language tag (`swift`, `python`, `javascript`, `typescript`, `go`, `java`, or an alias such as
    /// `py`, `ts`); detected from the code when absent. The board stores the resolved name.
    public var language: String?

    public init(code: String? = nil, context: String? = nil, language: String? = nil) {
        self.code = code
        self.context = context
        self.language = language
    }
}

/// `POST /api/v1/ai/blackboards` → `{problem: {code?, context?}}`.
public struct CreateBlackboardRequest: Codable, Sendable, Equatable, Validatable {
    public var problem: BlackboardProblem

    public init(problem: BlackboardProblem) { self.problem = problem }

    /// A problem with neither code nor context gives the agents nothing to work on, so one of them is required.
    public func validate() throws(AppError) {
        let hasCode = !(problem.code ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        let hasContext = !(problem.context ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        guard hasCode || hasContext else {
            throw AppError.validation("problem", "problem needs code or context.")
        }
        // Code that is present is held to its rule even beside a context: `""` or blank code is refused, not
        // dropped, as the OpenAPI document's `minLength` and pattern say (schemathesis' stateful phase sent `""`).
        if let code = problem.code { try AIRules.validateCode(code, field: "problem.code") }
        try AIRules.validateContext(problem.context, "problem.context")
        try ProjectRules.validateLanguage(problem.language, field: "problem.language")
    }
}

/// `POST /api/v1/ai/blackboards/{id}/knowledge` → `Knowledge {source, type, confidence: 0..1, data}`.
public struct Knowledge: Codable, Sendable, Equatable, Validatable {
    /// Who contributes: an agent's name or a user-chosen label.
    public var source: String
    public var type: KnowledgeType
    public var confidence: Double
    public var data: JSONValue

    public init(source: String, type: KnowledgeType, confidence: Double, data: JSONValue) {
        self.source = source
        self.type = type
        self.confidence = confidence
        self.data = data
    }

    public func validate() throws(AppError) {
        try source.check(as: AIRules.source, "source")
        try Check.unitInterval(confidence, "confidence")
    }
}

/// `POST /api/v1/ai/conversations/{id}/messages` → `{content}`.
public struct SendMessageRequest: Codable, Sendable, Equatable, Validatable {
    public var content: String

    public init(content: String) { self.content = content }

    public func validate() throws(AppError) {
        try content.check(as: AIRules.message, "content")
    }
}
