/// Proof of one tenure of a lock: who holds it and the fencing token that tenure was given.
///
/// A grant is identified by its owner *and* its fencing token together: `release` and `extend` only act on
/// the lock while Redis still holds exactly this tenure, so a grant that outlived its lock (the TTL ran out,
/// even if the same owner acquired the resource again since) can never shorten or end a newer tenure.
/// The public initialiser lets a caller rebuild a grant it persisted elsewhere (a claim token in a
/// response, say) to release or extend it later.
public struct LockGrant: Sendable, Equatable, Hashable {
    public let resource: String
    public let owner: String
    /// Strictly increasing per resource across every tenure, never reset. A protected resource that
    /// remembers the highest token it accepted can refuse writes from a holder whose lock has expired.
    public let fencingToken: Int64
    /// The TTL the lock was last set to by the call that produced this grant.
    public let ttl: Duration

    public init(resource: String, owner: String, fencingToken: Int64, ttl: Duration) {
        self.resource = resource
        self.owner = owner
        self.fencingToken = fencingToken
        self.ttl = ttl
    }
}
