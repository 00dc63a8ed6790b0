import Learning
import ArgumentParser
import Hummingbird
import ServiceKit

/// `learning`: the learning service. Configuration comes from the environment (docs/operations.md, docs/learning.md).
struct LearningServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "learning", abstract: "DevMentor learning service.")

    func run() async throws {
        let settings = try LearningSettings()
        let service = try LearningApplication.build(settings: settings)
        try await service.app.runService()
    }
}

@main
enum LearningServerMain {
    static func main() async {
        AllocatorSetup.keepFreedMemoryForReuse()
        ExecutorSetup.useEventLoopsForConcurrency()
        await LearningServerCommand.main()
    }
}
