import ArgumentParser
import Contracts
import DevMentorClient

struct LearnQuizzes: AsyncParsableCommand, JSONOutputCommand {
    static let configuration = CommandConfiguration(commandName: "quizzes", abstract: "List the quizzes you can take.")

    @ParentCommand var root: DevMentor
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let session = try Session.load()
        let quizzes = try await root.withClient { client in try await session.run(client) { try await client.listQuizzes(caller: $0) } }
        try Output.emit(quizzes, output) { quizzes in
            Format.table(["QUIZ", "ID", "MODULE"], quizzes.map { [$0.title, Format.id($0.id), Format.id($0.moduleId)] })
        }
    }
}
