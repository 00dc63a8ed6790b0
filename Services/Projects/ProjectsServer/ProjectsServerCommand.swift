import ArgumentParser
import Hummingbird
import Projects
import ServiceKit

/// `projects`: the projects service. Configuration comes from the environment (docs/operations.md, docs/projects.md).
struct ProjectsServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "projects", abstract: "DevMentor projects service.")

    func run() async throws {
        let settings = try ProjectsSettings()
        let service = try ProjectsApplication.build(settings: settings)
        try await service.app.runService()
    }
}

@main
enum ProjectsServerMain {
    static func main() async {
        AllocatorSetup.keepFreedMemoryForReuse()
        ExecutorSetup.useEventLoopsForConcurrency()
        await ProjectsServerCommand.main()
    }
}
