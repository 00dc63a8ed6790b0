/// How long one command on a `RedisConnection` may wait for its reply.
public struct RedisCommandTimeout: Sendable, Equatable {
    enum Bound: Sendable, Equatable {
        case configured
        case after(Duration)
        case unbounded
    }

    let bound: Bound

    /// The configuration's `commandTimeout`.
    public static let configured = RedisCommandTimeout(bound: .configured)
    /// For a blocking command, pick a bound comfortably longer than the command's own block time.
    public static func after(_ duration: Duration) -> RedisCommandTimeout { RedisCommandTimeout(bound: .after(duration)) }
    /// Wait as long as the server takes; only sensible for blocking commands with no timeout of their own
    /// (`BLPOP key 0`), since a silently dead peer would then hang the caller.
    public static let unbounded = RedisCommandTimeout(bound: .unbounded)
}
