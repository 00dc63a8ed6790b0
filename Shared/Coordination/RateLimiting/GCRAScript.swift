import Redis

/// `GCRA.evaluate` inside Redis, so that every replica's check and update of one subject is atomic and
/// uses one clock: the Redis server's `TIME`, which makes clock skew between replicas irrelevant.
enum GCRAScript {
    /// KEYS[1] the subject's TAT key; ARGV[1] emission interval (µs), ARGV[2] burst, ARGV[3] cost,
    /// ARGV[4] (tests only) the current time in µs instead of `TIME`.
    /// Returns `{allowed (0|1), remaining, retryAfter µs, resetAfter µs}`.
    ///
    /// Lua numbers are doubles: exact for integers below 2^53, which `RateLimitPolicy` guarantees for every
    /// value here (see `GCRA.maximumCapacity`). Division is corrected to an exact floor, and numbers written
    /// to Redis are formatted with `%d` because Lua's default formatting switches to exponent notation.
    /// The key is only written when a request consumes something, and expires at the TAT.
    static let script = RedisScript(
        """
        local interval = tonumber(ARGV[1])
        local burst = tonumber(ARGV[2])
        local cost = tonumber(ARGV[3])
        local now
        if ARGV[4] then
            now = tonumber(ARGV[4])
        else
            local time = redis.call('TIME')
            now = tonumber(time[1]) * 1000000 + tonumber(time[2])
        end
        local capacity = burst * interval
        local tat = tonumber(redis.call('GET', KEYS[1]) or now)
        if tat < now then
            tat = now
        end
        local candidate = tat + cost * interval
        local allowed = candidate - now <= capacity
        local after = tat
        if allowed then
            after = candidate
        end
        local room = capacity - (after - now)
        local remaining = 0
        if room > 0 then
            remaining = math.floor(room / interval)
            if remaining * interval > room then
                remaining = remaining - 1
            elseif (remaining + 1) * interval <= room then
                remaining = remaining + 1
            end
        end
        if allowed and cost > 0 then
            local ttl = math.ceil((candidate - now) / 1000)
            redis.call('SET', KEYS[1], string.format('%d', candidate), 'PX', string.format('%d', ttl))
        end
        if allowed then
            return {1, remaining, 0, after - now}
        end
        return {0, remaining, candidate - capacity - now, after - now}
        """
    )
}
