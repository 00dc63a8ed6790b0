import Foundation

/// The AI gateway's input limits.
public enum AIRules {
    /// The AI gateway analyzes at most this many UTF-8 bytes of code per request (256 KiB, some 6 000 lines): the
    /// analyzers are linear in the size, and this bound keeps one request's work (and its blackboard in Redis) small.
    /// Stricter than the gateway's 1 MiB body cap, which still applies to everything else.
    public static let maxCodeBytes = 262_144
    public static let maxLanguageLength = ProjectRules.maxLanguageLength
    public static let maxContextLength = 10_000
    public static let maxGoalLength = 2_000
    /// A chat message: generous for pasted code, small enough for a model's context window.
    public static let messageLength = 1...32_000
    /// The name of an agent or other contributor (`security`, `documentation`, a user's label…).
    public static let sourceLength = 1...100

    public static let context = TextRule(length: 0...maxContextLength, lines: .multi)
    public static let goal = TextRule(length: 0...maxGoalLength, lines: .multi)
    public static let message = TextRule(length: messageLength, lines: .multi, requiresContent: true)
    public static let source = TextRule(length: sourceLength, requiresContent: true)
    /// Code handed to the analyzers: multi-line text, not blank, at most `maxCodeBytes` UTF-8 bytes.
    public static let code = TextRule(length: 1...maxCodeBytes, lines: .multi, requiresContent: true)
    /// The JSON text of one contribution's `data`: enough for a structure report of a large file.
    public static let maxKnowledgeDataBytes = 262_144

    /// Code for the analyzers: the text rule, then the byte limit (characters undercount multi-byte text).
    public static func validateCode(_ code: String, field: String = "code") throws(AppError) {
        try code.check(as: Self.code, field)
        try Check.byteLength(code, field, 1...maxCodeBytes)
    }

    static func validateContext(_ context: String?, _ field: String) throws(AppError) {
        guard let context else { return }
        try context.check(as: Self.context, field)
    }
}
