import ArgumentParser
import DevMentorClient

struct Health: AsyncParsableCommand, JSONOutputCommand {
    static let configuration = CommandConfiguration(abstract: "Show the gateway's health report.")

    @ParentCommand var root: DevMentor
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let report = try await root.withClient { try await $0.health() }
        try Output.emit(report, output) { report in
            let rows = report.services.sorted { $0.key < $1.key }.map { [$0.key, $0.value.rawValue] }
            return "fleet \(report.status.rawValue)\n" + Format.table(["SERVICE", "STATE"], rows)
        }
    }
}
