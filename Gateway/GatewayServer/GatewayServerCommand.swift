import ArgumentParser
import Gateway
import Hummingbird
import ServiceKit

/// `gateway`: the public entry of the fleet. Configuration comes from the environment (docs/operations.md).
struct GatewayServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "gateway", abstract: "DevMentor API gateway.")

    func run() async throws {
        let settings = try GatewaySettings()
        try await GatewayApplication.build(settings: settings).runService()
    }
}

@main
enum GatewayServerMain {
    static func main() async {
        AllocatorSetup.keepFreedMemoryForReuse()
        ExecutorSetup.useEventLoopsForConcurrency()
        await GatewayServerCommand.main()
    }
}
