import Learning
import ArgumentParser
import Hummingbird
import ServiceKit

/// `learning`: the learning service. Configuration comes from the environment (docs/operations.md).
struct LearningServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "learning", abstract: "DevMentor learning service.")

    func run() async throws {
        let settings = try ServiceSettings(name: "learning", defaultPort: LearningApplication.defaultPort)
        try await LearningApplication.build(settings: settings).runService()
    }
}

@main
enum LearningServerMain {
    static func main() async {
        ExecutorSetup.useEventLoopsForConcurrency()
        await LearningServerCommand.main()
    }
}
