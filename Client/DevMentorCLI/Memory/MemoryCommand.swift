import ArgumentParser

/// `devmentor memory …`: the memory service; every key and embedding belongs to the logged-in user.
struct MemoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "memory",
        abstract: "Your keys (list, get, put, delete) and embeddings (embed, search).",
        subcommands: [MemoryList.self, MemoryGet.self, MemoryPut.self, MemoryDelete.self, MemoryEmbed.self, MemorySearch.self]
    )
}
