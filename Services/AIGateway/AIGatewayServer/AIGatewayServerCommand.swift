import AIGateway
import ArgumentParser
import Hummingbird
import ServiceKit

/// `ai-gateway`: the AI gateway service. Configuration comes from the environment (docs/ai.md, docs/operations.md).
struct AIGatewayServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ai-gateway", abstract: "DevMentor AI gateway service.")

    func run() async throws {
        let settings = try AIGatewaySettings()
        try await AIGatewayApplication.build(settings: settings).app.runService()
    }
}

@main
enum AIGatewayServerMain {
    static func main() async {
        AllocatorSetup.keepFreedMemoryForReuse()
        ExecutorSetup.useEventLoopsForConcurrency()
        await AIGatewayServerCommand.main()
    }
}
