import Foundation

/// The memory service's input limits.
public enum MemoryRules {
    public static let keyLength = 1...256
    /// A stored value lives at most 30 days; without `ttlSeconds` it lives until deleted or flushed.
    public static let ttlSeconds = 1...2_592_000
    /// Embedding dimensions: enough for every common model (up to 4096), small enough to keep cosine search cheap.
    public static let maxDimensions = 4096
    public static let defaultSearchLimit = 10
    public static let searchLimit = 1...100
    public static let patternLength = 1...256

    /// A key of `/kv/{key}`: 1–256 characters without control characters. Keys become part of a Redis key, and a
    /// newline or NUL in one would make log lines and key listings ambiguous.
    public static func validateKey(_ key: String, field: String = "key") throws(AppError) {
        try Check.length(key, field, keyLength)
        try Check.noControlCharacters(key, field)
    }
}
