import Foundation

/// The memory service's input limits.
public enum MemoryRules {
    /// A key is 1–256 bytes of the key alphabet (`isKeyByte`).
    public static let keyBytes = 1...256
    /// A stored value lives at most 30 days; without `ttlSeconds` it lives until deleted or flushed.
    public static let ttlSeconds = 1...2_592_000
    /// The largest stored value: its JSON text, as the service encodes it, at most 256 KiB.
    public static let maxValueBytes = 256 * 1024
    /// The largest embedding metadata: its JSON text at most 8 KiB (the index keeps it in memory beside the vector).
    public static let maxMetadataBytes = 8 * 1024
    /// Embedding dimensions: enough for every common model (up to 4096), small enough to keep cosine search cheap.
    public static let maxDimensions = 4096
    public static let defaultSearchLimit = 10
    public static let searchLimit = 1...100
    /// A pattern is 1–256 bytes of the key alphabet; `*`, `?`, `[…]` and `\` have their glob meaning.
    public static let patternBytes = 1...256
    /// The default cap of one user's embeddings (`MEMORY_MAX_VECTORS_PER_USER` changes it); over it 409
    /// `VECTOR_LIMIT_REACHED`.
    public static let defaultMaxVectorsPerUser = 100_000

    /// The key alphabet: printable ASCII without space and `%`, `!` (0x21) to `~` (0x7E). `%` is left out because keys
    /// travel percent-encoded in the path, where a literal `%` is ambiguous (schemathesis found one). Keys become part of a Redis key
    /// (`memory:{userId}:{key}`) and of log lines; no control character, space or multi-byte sequence can make either
    /// ambiguous. Glob characters (`*?[]\`) are allowed in keys: a pattern matches them literally when escaped with `\`.
    /// The alphabet as a JSON Schema `pattern`, for the OpenAPI document.
    public static let keyRegex = "^[!-$&-~]+$"

    @inlinable
    public static func isKeyByte(_ byte: UInt8) -> Bool { byte >= 0x21 && byte <= 0x7E && byte != 0x25 }

    /// A key of `/kv/{key}`: 1–256 bytes of the key alphabet, and not `.` or `..` (which URLs treat as path steps).
    public static func validateKey(_ key: String, field: String = "key") throws(AppError) {
        try Check.byteLength(key, field, keyBytes)
        guard key.utf8.allSatisfy(isKeyByte) else {
            throw AppError.validation(field, "\(field) may hold only printable ASCII characters (0x21 to 0x7E) other than `%`.")
        }
        guard key != ".", key != ".." else {
            throw AppError.validation(field, "\(field) must not be '.' or '..'.")
        }
    }

    /// A glob of `/invalidate`: 1–256 bytes of the key alphabet. It is always applied below the caller's own prefix,
    /// so no pattern reaches another user's keys.
    public static func validatePattern(_ pattern: String, field: String = "pattern") throws(AppError) {
        try Check.byteLength(pattern, field, patternBytes)
        guard pattern.utf8.allSatisfy(isKeyByte) else {
            throw AppError.validation(field, "\(field) may hold only printable ASCII characters (0x21 to 0x7E) other than `%`.")
        }
    }
}
