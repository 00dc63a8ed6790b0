import ArgumentParser
import Auth
import Hummingbird
import ServiceKit

/// `auth`: the auth service. Configuration comes from the environment (docs/operations.md).
struct AuthServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "auth", abstract: "DevMentor auth service.")

    func run() async throws {
        let settings = try AuthSettings()
        let service = try await AuthApplication.build(settings: settings)
        try await service.app.runService()
    }
}

@main
enum AuthServerMain {
    static func main() async {
        AllocatorSetup.keepFreedMemoryForReuse()
        ExecutorSetup.useEventLoopsForConcurrency()
        await AuthServerCommand.main()
    }
}
