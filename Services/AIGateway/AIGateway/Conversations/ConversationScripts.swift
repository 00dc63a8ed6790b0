import Redis

/// The conversation's multi-key steps, each one script so it is atomic on the Redis server.
enum ConversationScripts {
    /// KEYS[1] hash, KEYS[2] messages; ARGV: ttl ms, history bound, message JSON, 'replace' or 'append'. Only on a
    /// conversation that still exists. 'replace' overwrites the last message when it is the assistant's (a streamed
    /// answer replacing the stored one), else appends. Both keys get the TTL again: it runs from the last message.
    /// Returns -1 when the conversation is gone, else the number of messages kept.
    static let append = RedisScript(
        """
        if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
        local replaced = false
        if ARGV[4] == 'replace' then
          local last = redis.call('LINDEX', KEYS[2], -1)
          if last then
            local ok, decoded = pcall(cjson.decode, last)
            if ok and type(decoded) == 'table' and decoded['role'] == 'assistant' then
              redis.call('LSET', KEYS[2], -1, ARGV[3])
              replaced = true
            end
          end
        end
        if not replaced then redis.call('RPUSH', KEYS[2], ARGV[3]) end
        redis.call('LTRIM', KEYS[2], -tonumber(ARGV[2]), -1)
        redis.call('PEXPIRE', KEYS[1], ARGV[1])
        redis.call('PEXPIRE', KEYS[2], ARGV[1])
        return redis.call('LLEN', KEYS[2])
        """
    )
}
