/// A Lua script identified by its SHA-1, computed locally so the first call can already try EVALSHA.
public struct RedisScript: Sendable, Hashable {
    public let source: String
    /// Lowercase hex, the form `SCRIPT LOAD` returns and EVALSHA expects.
    public let sha1: String

    public init(_ source: String) {
        self.source = source
        self.sha1 = SHA1.hexDigest(source.utf8)
    }
}
