import Redis

/// KEYS[1] hash; ARGV: ttl milliseconds, then field/value pairs. Writes a hash and its expiry together, so neither a
/// blackboard nor a conversation can exist without one.
enum ExpiringHashScript {
    static let create = RedisScript(
        """
        redis.call('HSET', KEYS[1], unpack(ARGV, 2))
        redis.call('PEXPIRE', KEYS[1], ARGV[1])
        return 1
        """
    )
}
