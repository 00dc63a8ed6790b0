import ArgumentParser
import Contracts
import DevMentorClient

struct ProjectsList: AsyncParsableCommand, JSONOutputCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List your projects (owned or collaborating).")

    @ParentCommand var root: DevMentor
    @OptionGroup var output: OutputOptions

    @Option(help: "Projects per page (1–100).")
    var limit: Int = PageRequest.defaultLimit

    @Option(help: "The nextCursor of the previous page.")
    var cursor: String?

    @Flag(help: "Follow nextCursor to the last page and print every project.")
    var all = false

    func run() async throws {
        let session = try Session.load()
        let me = await session.userId
        var page = try await root.withClient { client in
            var page = try await session.run(client) { try await client.list(PageRequest(limit: limit, cursor: cursor), caller: $0) }
            while all, let next = page.nextCursor {
                let more = try await session.run(client) { try await client.list(PageRequest(limit: limit, cursor: next), caller: $0) }
                page = Page(items: page.items + more.items, nextCursor: more.nextCursor)
            }
            return page
        }
        if all { page.nextCursor = nil }
        try Output.emit(page, output) { page in
            guard !page.items.isEmpty else { return "No projects yet; create one with `devmentor projects create NAME`." }
            var text = Format.table(ProjectText.header, page.items.map { ProjectText.row($0, me: me) })
            if let next = page.nextCursor { text += "\nMore: devmentor projects list --cursor \(next)" }
            return text
        }
    }
}
