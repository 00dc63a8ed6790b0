import Memory
import ArgumentParser
import Hummingbird
import ServiceKit

/// `memory`: the memory service. Configuration comes from the environment (docs/operations.md).
struct MemoryServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "memory", abstract: "DevMentor memory service.")

    func run() async throws {
        let settings = try MemorySettings()
        try await MemoryApplication.build(settings: settings).app.runService()
    }
}

@main
enum MemoryServerMain {
    static func main() async {
        AllocatorSetup.keepFreedMemoryForReuse()
        ExecutorSetup.useEventLoopsForConcurrency()
        await MemoryServerCommand.main()
    }
}
