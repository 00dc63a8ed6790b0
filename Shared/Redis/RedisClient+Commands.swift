/// Thin typed wrappers for the commands most services use; anything else goes through `send`.
extension RedisClient {
    public func get(_ key: String) async throws -> [UInt8]? {
        try await send("GET", [.string(key)]).bytes
    }

    public func getString(_ key: String) async throws -> String? {
        try await send("GET", [.string(key)]).string
    }

    /// Returns false when `onlyIfAbsent` is set and the key already existed.
    @discardableResult
    public func set(
        _ key: String,
        _ value: RedisArgument,
        expiresInMilliseconds: Int? = nil,
        onlyIfAbsent: Bool = false
    ) async throws -> Bool {
        var arguments: [RedisArgument] = [.string(key), value]
        if let expiresInMilliseconds {
            arguments += ["PX", .int(expiresInMilliseconds)]
        }
        if onlyIfAbsent {
            arguments.append("NX")
        }
        return try await !send("SET", arguments).isNull
    }

    /// The number of keys that existed and were removed.
    @discardableResult
    public func del(_ keys: [String]) async throws -> Int {
        guard !keys.isEmpty else { return 0 }
        return try await integer(send("DEL", keys.map(RedisArgument.string)))
    }

    public func exists(_ key: String) async throws -> Bool {
        try await integer(send("EXISTS", [.string(key)])) > 0
    }

    @discardableResult
    public func incr(_ key: String, by amount: Int64 = 1) async throws -> Int64 {
        let reply = try await amount == 1
            ? send("INCR", [.string(key)])
            : send("INCRBY", [.string(key), .int64(amount)])
        return Int64(try integer(reply))
    }

    /// False when the key does not exist.
    @discardableResult
    public func expire(_ key: String, seconds: Int) async throws -> Bool {
        try await integer(send("EXPIRE", [.string(key), .int(seconds)])) == 1
    }

    /// The number of subscribers that received the message.
    @discardableResult
    public func publish(_ channel: String, _ message: RedisArgument) async throws -> Int {
        try await integer(send("PUBLISH", [.string(channel), message]))
    }

    private func integer(_ reply: RESPValue) throws -> Int {
        guard case .integer(let value) = reply else {
            throw RedisError.protocolError("expected an integer reply, got \(reply)")
        }
        return Int(value)
    }
}
