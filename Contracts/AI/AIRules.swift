import Foundation

/// The AI gateway's input limits.
public enum AIRules {
    /// Code, like every body, is capped by the gateway's 1 MiB; the DTOs repeat it so in-process callers get it too.
    public static let maxCodeBytes = ProjectRules.maxCodeBytes
    public static let maxLanguageLength = ProjectRules.maxLanguageLength
    public static let maxContextLength = 10_000
    public static let maxGoalLength = 2_000
    /// A chat message: generous for pasted code, small enough for a model's context window.
    public static let messageLength = 1...32_000
    /// The name of an agent or other contributor (`security`, `documentation`, a user's label…).
    public static let sourceLength = 1...100

    static func validateContext(_ context: String?, _ field: String) throws(AppError) {
        guard let context else { return }
        try Check.length(context, field, 0...maxContextLength)
    }
}
