import Redis

/// KEYS[1] hash; ARGV: ttl milliseconds, then field/value pairs. Writes a hash and its expiry together, so a conversation
/// cannot exist without one (a blackboard's hash is written by `BlackboardScripts.create`, with its stream).
enum ExpiringHashScript {
    static let create = RedisScript(
        """
        redis.call('HSET', KEYS[1], unpack(ARGV, 2))
        redis.call('PEXPIRE', KEYS[1], ARGV[1])
        return 1
        """
    )
}
