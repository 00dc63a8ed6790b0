import Redis

/// The lock's Lua scripts. Each runs atomically on the server, so a check and the write that depends on it
/// can never be interleaved with another client's command. Formats are those of `LockKeys`.
enum LockScripts {
    /// KEYS[1] lock key, KEYS[2] fencing counter key; ARGV[1] owner, ARGV[2] TTL in milliseconds.
    ///
    /// Returns `{1, token}` for a new tenure, `{2, token}` when `owner` already held the lock (its TTL is
    /// refreshed and its token kept, so re-claims are idempotent) and `{0}` when someone else holds it.
    /// The counter is only incremented together with a successful SET, so tokens have no gaps caused by
    /// contention and strictly increase from one tenure to the next. The token is formatted with `%d`
    /// because Lua's default number formatting switches to exponent notation past 1e14.
    static let acquire = RedisScript(
        """
        local current = redis.call('GET', KEYS[1])
        if current then
            local colon = string.find(current, ':', 1, true)
            if colon and string.sub(current, colon + 1) == ARGV[1] then
                redis.call('PEXPIRE', KEYS[1], ARGV[2])
                return {2, string.sub(current, 1, colon - 1)}
            end
            return {0}
        end
        local token = redis.call('INCR', KEYS[2])
        redis.call('SET', KEYS[1], string.format('%d', token) .. ':' .. ARGV[1], 'NX', 'PX', ARGV[2])
        return {1, token}
        """
    )

    /// KEYS[1] lock key; ARGV[1] the tenure's whole value. Deletes only that tenure: 1 if deleted, else 0.
    static let release = RedisScript(
        """
        if redis.call('GET', KEYS[1]) == ARGV[1] then
            return redis.call('DEL', KEYS[1])
        end
        return 0
        """
    )

    /// KEYS[1] lock key; ARGV[1] the tenure's whole value, ARGV[2] new TTL in milliseconds.
    /// Sets the TTL only while that tenure still holds the lock: 1 if extended, else 0.
    static let extend = RedisScript(
        """
        if redis.call('GET', KEYS[1]) == ARGV[1] then
            return redis.call('PEXPIRE', KEYS[1], ARGV[2])
        end
        return 0
        """
    )

    /// KEYS[1] lock key. Returns nil when free, else `{value, pttl}` read together so that the TTL belongs
    /// to the same tenure as the value.
    /// KEYS: lock keys. Returns, per key, `{value, pttl}`, or false when the lock is free — one round trip for a
    /// whole page of resources, each value read together with its TTL.
    static let holders = RedisScript(
        """
        local result = {}
        for i, key in ipairs(KEYS) do
            local value = redis.call('GET', key)
            if value then
                result[i] = {value, redis.call('PTTL', key)}
            else
                result[i] = false
            end
        end
        return result
        """
    )
}
