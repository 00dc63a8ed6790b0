import Projects
import ArgumentParser
import Hummingbird
import ServiceKit

/// `projects`: the projects service. Configuration comes from the environment (docs/operations.md).
@main
struct ProjectsServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "projects", abstract: "DevMentor projects service.")

    func run() async throws {
        let settings = try ServiceSettings(name: "projects", defaultPort: ProjectsApplication.defaultPort)
        try await ProjectsApplication.build(settings: settings).runService()
    }
}
