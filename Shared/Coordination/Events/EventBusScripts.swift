import Redis

/// The Lua scripts of the event bus. Each runs atomically on the server, which is what makes its steps safe
/// against a peer consumer acting on the same entry in between.
enum EventBusScripts {
    /// Re-claims entries this consumer still owns, for renewal (idle 0) or release (idle = reclaimAfter, so
    /// peers' XAUTOCLAIM takes them at once). `JUSTID` leaves the delivery count alone unless a RETRYCOUNT is
    /// given. An entry a peer now owns is left alone and reported, so a late renewal never steals it back.
    ///
    /// KEYS[1] stream · ARGV[1] group, ARGV[2] consumer, ARGV[3] idle ms, then pairs of (id, retry count or
    /// -1 to keep it). Returns the ids not owned by the consumer any more.
    static let claimIfOwned = RedisScript(
        """
        local lost = {}
        for i = 4, #ARGV, 2 do
          local id = ARGV[i]
          local pending = redis.call('XPENDING', KEYS[1], ARGV[1], id, id, 1)
          if #pending == 1 and pending[1][2] == ARGV[2] then
            if tonumber(ARGV[i + 1]) >= 0 then
              redis.call('XCLAIM', KEYS[1], ARGV[1], ARGV[2], 0, id, 'IDLE', ARGV[3], 'RETRYCOUNT', ARGV[i + 1], 'JUSTID')
            else
              redis.call('XCLAIM', KEYS[1], ARGV[1], ARGV[2], 0, id, 'IDLE', ARGV[3], 'JUSTID')
            end
          else
            lost[#lost + 1] = id
          end
        end
        return lost
        """
    )

    /// Acknowledges an entry and appends it to the dead-letter stream in one step, so a crash cannot leave it
    /// in both places or in neither. Does nothing (returns nil) when the entry is no longer pending, i.e. a
    /// peer already acknowledged or dead-lettered it.
    ///
    /// KEYS[1] stream, KEYS[2] dead stream · ARGV[1] group, ARGV[2] entry id, ARGV[3] dead stream max length,
    /// then the dead entry's field/value pairs. Returns the dead entry id.
    static let deadLetter = RedisScript(
        """
        if redis.call('XACK', KEYS[1], ARGV[1], ARGV[2]) == 0 then
          return false
        end
        local fields = {}
        for i = 4, #ARGV do
          fields[#fields + 1] = ARGV[i]
        end
        return redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[3], '*', unpack(fields))
        """
    )

    /// Moves one dead entry back to its stream as a new entry for the group that failed it (`replayFor`), and
    /// deletes it from the dead stream, in one step: a replay is never lost nor doubled by a crash.
    ///
    /// KEYS[1] dead stream, KEYS[2] stream · ARGV[1] dead entry id, ARGV[2] stream max length. Returns the new
    /// entry id, or nil when the dead entry does not exist (already replayed or trimmed).
    static let replay = RedisScript(
        """
        local found = redis.call('XRANGE', KEYS[1], ARGV[1], ARGV[1])
        if #found == 0 then
          return false
        end
        local dead = found[1][2]
        local fields = {}
        for i = 1, #dead, 2 do
          local name = dead[i]
          if name == 'envelope' or name == 'type' or name == 'id' then
            fields[#fields + 1] = name
            fields[#fields + 1] = dead[i + 1]
          elseif name == 'group' then
            fields[#fields + 1] = 'replayFor'
            fields[#fields + 1] = dead[i + 1]
          end
        end
        local id = redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[2], '*', unpack(fields))
        redis.call('XDEL', KEYS[1], ARGV[1])
        return id
        """
    )
}
