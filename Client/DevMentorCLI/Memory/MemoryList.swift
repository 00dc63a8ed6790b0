import ArgumentParser
import Contracts
import DevMentorClient

struct MemoryList: AsyncParsableCommand, JSONOutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List your keys matching a glob (default: all), with when each expires."
    )

    @ParentCommand var root: DevMentor
    @OptionGroup var output: OutputOptions

    @Argument(help: "A glob over your keys, e.g. 'cache:*' (quote it for the shell).")
    var pattern: String = "*"

    @Option(help: "Most keys to list (the walk stops there).")
    var limit: Int = 1000

    func run() async throws {
        guard limit > 0 else { throw ValidationError("--limit must be positive.") }
        let session = try Session.load()
        let pattern = pattern
        let wanted = limit
        // The service walks the keyspace a page at a time (a page may be short while the walk goes on).
        let keys = try await root.withClient { client in
            try await session.run(client) { caller in
                var keys: [MemoryKeyInfo] = []
                var seen = Set<String>()
                var cursor: MemoryKeyCursor?
                repeat {
                    let room = min(wanted - keys.count, MemoryKeyListRequest.limitRange.upperBound)
                    let page = try await client.listKeys(MemoryKeyListRequest(pattern: pattern, limit: room, cursor: cursor), caller: caller)
                    for item in page.items where seen.insert(item.key).inserted { keys.append(item) }
                    cursor = try page.nextCursor.map { try MemoryKeyCursor(token: $0) }
                } while cursor != nil && keys.count < wanted
                return keys.sorted { $0.key < $1.key }
            }
        }
        try Output.emit(keys, output) { keys in
            guard !keys.isEmpty else { return pattern == "*" ? "No keys yet; store one with `devmentor memory put`." : "No keys match \(pattern)." }
            return Format.table(["KEY", "EXPIRES"], keys.map { [$0.key, $0.expiresAt.map(Format.time) ?? "never"] })
        }
    }
}
