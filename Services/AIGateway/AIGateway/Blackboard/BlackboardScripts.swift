import Redis

/// The blackboard's multi-key steps, each one script so it is atomic on the Redis server.
enum BlackboardScripts {
    /// KEYS[1] hash, KEYS[2] stream. ARGV[1] time to live in milliseconds, ARGV[2] the number of hash fields, the
    /// field/value pairs, then six values per stream entry (id, source, type, confidence, data, timestamp). Returns
    /// 0 (and writes nothing) when the board exists already, else 1.
    static let create = RedisScript(
        """
        if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
        local last = 2 + 2 * tonumber(ARGV[2])
        redis.call('HSET', KEYS[1], unpack(ARGV, 3, last))
        redis.call('PEXPIRE', KEYS[1], ARGV[1])
        if #ARGV > last then
          for i = last + 1, #ARGV, 6 do
            redis.call('XADD', KEYS[2], '*', 'id', ARGV[i], 'source', ARGV[i + 1], 'type', ARGV[i + 2],
              'confidence', ARGV[i + 3], 'data', ARGV[i + 4], 'timestamp', ARGV[i + 5])
          end
          redis.call('PEXPIREAT', KEYS[2], redis.call('PEXPIRETIME', KEYS[1]))
        end
        return 1
        """
    )

    /// KEYS[1] hash, KEYS[2] stream. ARGV: the number of batches, then per batch: the `seen:` field of the agent
    /// that wrote it ('' for an outside contribution), the count it must still hold, the count to store, the number
    /// of entries, then six values per entry (id, source, type, confidence, data, timestamp).
    ///
    /// A batch whose agent's count moved on since the run read it (another run got there first) is skipped, so two
    /// concurrent runs never add one agent's work twice. The stream gets the hash's absolute expiry, so both go at
    /// the same moment. Returns -1 when the board is gone (expired or never there), else one 1/0 per batch.
    static let append = RedisScript(
        """
        local expireAt = redis.call('PEXPIRETIME', KEYS[1])
        if expireAt == -2 then return -1 end
        local i = 2
        local accepted = {}
        for b = 1, tonumber(ARGV[1]) do
          local field, expected, seen, n = ARGV[i], ARGV[i + 1], ARGV[i + 2], tonumber(ARGV[i + 3])
          i = i + 4
          local current = '0'
          if field ~= '' then current = redis.call('HGET', KEYS[1], field) or '0' end
          if field == '' or current == expected then
            for e = 1, n do
              redis.call('XADD', KEYS[2], '*', 'id', ARGV[i], 'source', ARGV[i + 1], 'type', ARGV[i + 2],
                'confidence', ARGV[i + 3], 'data', ARGV[i + 4], 'timestamp', ARGV[i + 5])
              i = i + 6
            end
            if field ~= '' then redis.call('HSET', KEYS[1], field, seen) end
            accepted[b] = 1
          else
            i = i + 6 * n
            accepted[b] = 0
          end
        end
        if expireAt > 0 then redis.call('PEXPIREAT', KEYS[2], expireAt) end
        return accepted
        """
    )

    /// KEYS[1] hash; ARGV[1] status. Only on a board that still exists: a plain HSET on an expired board would
    /// bring back a hash without expiry.
    static let setStatus = RedisScript(
        """
        if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
        redis.call('HSET', KEYS[1], 'status', ARGV[1])
        return 1
        """
    )
}
