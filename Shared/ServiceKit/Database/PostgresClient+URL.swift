import Foundation
import Logging
import PostgresNIO

extension PostgresClient {
    /// A pooled client for `postgres://user[:password]@host[:port]/database`. TLS is off: the fleet talks to its
    /// database over loopback or a private network; put TLS in front when that is not true.
    ///
    /// - Parameter searchPath: the schema unqualified table names resolve to on every connection of the pool (the
    ///   `search_path` startup parameter) — what lets a service whose schema is a setting use prepared statements,
    ///   whose text is fixed. Nil keeps the server's default (`"$user", public`).
    public convenience init(url: URL, searchPath: String? = nil, logger: Logger) throws(ConfigError) {
        guard let host = url.host, !host.isEmpty else {
            throw ConfigError("DATABASE_URL", "must name a host (got '\(url.absoluteString)').")
        }
        let database = url.path.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        guard !database.isEmpty else {
            throw ConfigError("DATABASE_URL", "must name a database, e.g. postgres://postgres@127.0.0.1:5439/devmentor.")
        }
        var configuration = PostgresClient.Configuration(
            host: host,
            port: url.port ?? 5432,
            username: url.user ?? "postgres",
            password: url.password,
            database: database,
            tls: .disable
        )
        configuration.options.maximumConnections = 20
        configuration.options.connectionIdleTimeout = .seconds(60)
        // No keep-alive query: with no minimum pool, every connection closes after a minute idle, so none stays idle
        // long enough for a keep-alive to matter. The pool arms its keep-alive timer (a task group, two tasks and a
        // 30 s sleep) each time a connection goes idle — after every query — and a cancelled sleep's timer still
        // fires at its deadline: a service that had served a few thousand requests a second spent 8–13 % of a core
        // half a minute later waking up for those timers (docs/benchmarks.md, 2026-12-07 23:00).
        configuration.options.keepAliveBehavior = nil
        if let searchPath {
            guard SQLIdentifier.isValid(searchPath) else {
                throw ConfigError("search_path", "must be a lowercase SQL identifier (got '\(searchPath)').")
            }
            configuration.options.additionalStartupParameters = [("search_path", searchPath)]
        }
        self.init(configuration: configuration, backgroundLogger: logger)
    }
}
