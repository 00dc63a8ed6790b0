/// Where and how to connect. Built from a `redis://` URL; every field stays mutable so callers can tune
/// the pool and timeouts after parsing.
public struct RedisConfiguration: Sendable, Equatable {
    public var host: String
    public var port: Int
    /// ACL user name (Redis 6+). With only a password, AUTH uses the legacy single-argument form.
    public var username: String?
    public var password: String?
    public var database: Int
    public var poolSize: Int
    /// Bounds establishing a connection: the TCP connect and the AUTH/SELECT handshake each.
    public var connectTimeout: Duration
    /// Bounds waiting for one reply on a pooled connection.
    public var commandTimeout: Duration

    public static let defaultPort = 6379

    public init(
        host: String = "127.0.0.1",
        port: Int = RedisConfiguration.defaultPort,
        username: String? = nil,
        password: String? = nil,
        database: Int = 0,
        poolSize: Int = 4,
        connectTimeout: Duration = .seconds(1),
        commandTimeout: Duration = .seconds(5)
    ) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.database = database
        self.poolSize = poolSize
        self.connectTimeout = connectTimeout
        self.commandTimeout = commandTimeout
    }

    /// `redis://[[user]:password@]host[:port][/db]`. The password may be percent-encoded; an IPv6 host is
    /// written in brackets (`redis://[::1]:6379`).
    public init(url: String) throws {
        let components = try RedisURLParser.parse(url)
        self.init(
            host: components.host,
            port: components.port,
            username: components.username,
            password: components.password,
            database: components.database
        )
    }
}

/// Hand-rolled rather than Foundation's URL so that the module does not pull in Foundation and so that
/// errors can say precisely which part is wrong.
enum RedisURLParser {
    struct Components {
        var host: String
        var port: Int
        var username: String?
        var password: String?
        var database: Int
    }

    static func parse(_ url: String) throws -> Components {
        let scheme = "redis://"
        guard url.lowercased().hasPrefix(scheme) else {
            throw RedisError.invalidURL("'\(url)' must start with \(scheme)")
        }
        var rest = Substring(url.dropFirst(scheme.count))
        if rest.contains(where: { $0 == "?" || $0 == "#" }) {
            throw RedisError.invalidURL("'\(url)' has a query or fragment, which is not supported")
        }

        var username: String?
        var password: String?
        if let at = rest.lastIndex(of: "@") {
            let userInfo = rest[..<at]
            rest = rest[rest.index(after: at)...]
            if let colon = userInfo.firstIndex(of: ":") {
                let user = try percentDecoded(userInfo[..<colon], in: url)
                username = user.isEmpty ? nil : user
                password = try percentDecoded(userInfo[userInfo.index(after: colon)...], in: url)
            } else {
                // `redis://secret@host` is commonly meant as a password, as redis-cli reads it.
                password = try percentDecoded(userInfo, in: url)
            }
        }

        var database = 0
        if let slash = rest.firstIndex(of: "/") {
            let path = rest[rest.index(after: slash)...]
            rest = rest[..<slash]
            if !path.isEmpty {
                guard let db = Int(path), db >= 0 else {
                    throw RedisError.invalidURL("database '\(path)' in '\(url)' is not a non-negative integer")
                }
                database = db
            }
        }

        var host: Substring
        var portText: Substring?
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else {
                throw RedisError.invalidURL("unterminated IPv6 address in '\(url)'")
            }
            host = rest[rest.index(after: rest.startIndex)..<close]
            let afterHost = rest[rest.index(after: close)...]
            if !afterHost.isEmpty {
                guard afterHost.hasPrefix(":") else {
                    throw RedisError.invalidURL("unexpected '\(afterHost)' after the host in '\(url)'")
                }
                portText = afterHost.dropFirst()
            }
        } else if let colon = rest.lastIndex(of: ":") {
            host = rest[..<colon]
            portText = rest[rest.index(after: colon)...]
        } else {
            host = rest
        }
        guard !host.isEmpty else {
            throw RedisError.invalidURL("'\(url)' has no host")
        }

        var port = RedisConfiguration.defaultPort
        if let portText {
            guard let parsed = Int(portText), (1...65535).contains(parsed) else {
                throw RedisError.invalidURL("port '\(portText)' in '\(url)' is not between 1 and 65535")
            }
            port = parsed
        }
        return Components(host: String(host), port: port, username: username, password: password, database: database)
    }

    private static func percentDecoded(_ text: Substring, in url: String) throws -> String {
        var bytes: [UInt8] = []
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                throw RedisError.invalidURL("bad percent-escape in the credentials of '\(url)'")
            }
            bytes.append(high << 4 | low)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
