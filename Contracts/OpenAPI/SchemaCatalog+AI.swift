import Foundation

/// AI/: analyses, suggestions, blackboards, conversations and model providers.
extension SchemaCatalog {
    static let ai: [String: OpenAPISchema] = [
        "CodeAnalysis": .object([
            "id": .uuid,
            "summary": .string,
            "metrics": .ref(CodeMetrics.self),
            "findings": .array(.ref(Finding.self)),
            "solution": .ref(Solution.self),
        ]),
        "CodeMetrics": .object([
            "lines": .integer.minimum(0),
            "functions": .integer.minimum(0),
            "maxNesting": .integer.minimum(0),
            "commentLines": .integer.minimum(0),
            "blankLines": .integer.minimum(0),
            "cyclomaticComplexity": .integer.minimum(1),
        ]),
        "Finding": .object([
            "agent": .string.described("The knowledge agent that made it."),
            "type": .ref(KnowledgeType.self),
            "severity": .ref(Severity.self),
            "message": .string,
            "line": .integer.minimum(1).optional.described("1-based line the finding is about."),
            "confidence": confidence,
            "ruleId": .ref(RuleID.self).optional.described("The analyzer rule that produced it; the learning curriculum maps rule ids to modules."),
        ]),
        "RuleID": .stringEnum(RuleID.self),
        "Solution": .object([
            "blackboardId": .uuid,
            "summary": .string,
            "recommendations": .array(.string).described("Most important first."),
            "confidence": confidence,
            "contributors": .array(.string),
        ]),
        "Suggestion": .object([
            "title": .string,
            "detail": .string,
            "priority": .ref(Priority.self),
            "line": .integer.minimum(1).optional,
        ]),
        "Blackboard": .object([
            "id": .uuid,
            "status": .ref(BlackboardStatus.self),
            "createdAt": .dateTime,
        ]),
        "BlackboardDetail": .object([
            "id": .uuid,
            "status": .ref(BlackboardStatus.self),
            "problem": .ref(BlackboardProblem.self),
            "contributions": .array(.ref(Contribution.self)).described("Oldest first."),
            "createdAt": .dateTime,
        ]),
        "BlackboardProblem": .object([
            "code": code.optional.nullable,
            "context": .text(AIRules.context).optional.nullable,
            "language": languageTag.optional.nullable,
        ]),
        "Contribution": .object([
            "id": .uuid,
            "source": .string,
            "type": .ref(KnowledgeType.self),
            "confidence": confidence,
            "data": .any,
            "timestamp": .dateTime,
        ]),
        "BlackboardRunResult": .object([
            "contributions": .integer.minimum(0).described("How many contributions the agents added in this run."),
        ]),
        "BlackboardStatus": .stringEnum(BlackboardStatus.self),
        "KnowledgeType": .stringEnum(KnowledgeType.self),
        "Severity": .stringEnum(Severity.self),
        "Conversation": .object([
            "id": .uuid,
            "createdAt": .dateTime,
        ]),
        "SendMessageResponse": .object([
            "message": .ref(ChatMessage.self),
        ]),
        "ChatMessage": .object([
            "role": .ref(ChatRole.self),
            "content": .string,
        ]),
        "ChatRole": .stringEnum(ChatRole.self),
        // The `data:` of each SSE frame; its `type` repeats the frame's `event:` name.
        "StreamEvent": .oneOf([
            .object(["type": .constant("token"), "text": .string]),
            .object(["type": .constant("done"), "tokens": .integer.minimum(0)]),
        ]),
        "ProviderStatus": .object([
            "name": .string,
            "state": .ref(BreakerState.self),
            "priority": .integer.described("Position in the fallback chain; lower is tried first."),
            "healthy": .boolean,
        ]),

        // Requests, with the limits of `AIRules` and `ProjectRules`.
        "AnalyzeCodeRequest": .object([
            "code": code,
            "language": languageTag.optional.nullable,
            "context": .text(AIRules.context).optional.nullable,
        ]),
        "SuggestionsRequest": .object([
            "code": code,
            "goal": .text(AIRules.goal).optional.nullable,
        ]),
        "CreateBlackboardRequest": .object([
            "problem": .ref(BlackboardProblem.self).described("Needs `code` or `context`."),
        ]),
        "Knowledge": .object([
            "source": .text(AIRules.source),
            "type": .ref(KnowledgeType.self),
            "confidence": confidence,
            "data": .any,
        ]),
        "SendMessageRequest": .object([
            "content": .text(AIRules.message),
        ]),
    ]

    /// A language the analyzers know; another tag, or code whose language cannot be detected, is 400 on `language`.
    static let languageTag = language.described(
        "`swift`, `python`, `javascript`, `typescript`, `go` or `java` (aliases such as `py`, `js`, `ts`, `golang` too); "
            + "detected from the code when absent. Another tag, or code whose language cannot be detected, is 400 `VALIDATION_FAILED` on `language`."
    )

    /// A probability-like score, as `Check.unitInterval` allows it.
    static let confidence = OpenAPISchema.number.range(0.0...1.0)
}
