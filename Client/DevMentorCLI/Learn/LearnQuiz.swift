import ArgumentParser
import Contracts
import DevMentorClient
import Foundation

struct LearnQuiz: AsyncParsableCommand, JSONOutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "quiz",
        abstract: "Take a quiz: answer its questions one by one, or all at once with --answers.",
        discussion: "Choices are numbered from 0, as the API numbers them; `--answers 1,0,2` answers the questions in order."
    )

    @ParentCommand var root: DevMentor
    @OptionGroup var output: OutputOptions

    @Argument(help: "The quiz's id (`devmentor learn quizzes` lists them).", transform: ArgumentParsing.uuid)
    var id: UUID

    @Option(help: "The chosen choice of each question, in order, e.g. 1,0,2.", transform: ArgumentParsing.integers)
    var answers: [Int]?

    func run() async throws {
        let session = try Session.load()
        let quizId = id
        let result = try await root.withClient { client in
            let quiz = try await session.run(client) { try await client.getQuiz(quizId, caller: $0) }
            let choices = try answers ?? ask(quiz)
            guard choices.count == quiz.questions.count else {
                throw ValidationError("The quiz has \(quiz.questions.count) questions; --answers gives \(choices.count) answers.")
            }
            let request = SubmitAnswersRequest(answers: zip(quiz.questions, choices).map { QuizAnswer(questionId: $0.id, choice: $1) })
            let result = try await session.run(client) { try await client.submitAnswer(quizId, request, caller: $0) }
            return (quiz, result)
        }
        try Output.emit(result.1, output) { Self.describe($0, quiz: result.0) }
    }

    /// Asks each question on the terminal (on stderr under --json, so stdout stays the result's JSON).
    private func ask(_ quiz: Quiz) throws -> [Int] {
        let json = output.json
        func say(_ text: String) {
            if json { Terminal.note(text) } else { Output.line(text) }
        }
        say("\(quiz.title) — \(quiz.questions.count) questions")
        var choices: [Int] = []
        for (number, question) in quiz.questions.enumerated() {
            say("\n\(number + 1). \(question.text)")
            for (index, choice) in question.choices.enumerated() { say("   [\(index)] \(choice)") }
            while true {
                Terminal.err("Your answer (0–\(question.choices.count - 1)): ")
                guard let line = Terminal.readLine() else {
                    throw CLIFailure("The input ended before question \(number + 1) was answered.")
                }
                if let choice = Int(line.trimmingCharacters(in: .whitespaces)), question.choices.indices.contains(choice) {
                    choices.append(choice)
                    break
                }
                Terminal.note("Type a number from 0 to \(question.choices.count - 1).")
            }
        }
        return choices
    }

    private static func describe(_ result: QuizResult, quiz: Quiz) -> String {
        var lines = ["\(result.passed ? "Passed" : "Not passed"): \(result.correct) of \(result.total) correct (score \(Int(result.score.rounded())))."]
        for mistake in result.mistakes {
            let question = quiz.questions.first { $0.id == mistake.questionId }
            let number = quiz.questions.firstIndex { $0.id == mistake.questionId }.map { "\($0 + 1). " } ?? ""
            let right = question.flatMap { $0.choices.indices.contains(mistake.correctChoice) ? $0.choices[mistake.correctChoice] : nil }
            lines.append("")
            lines.append("\(number)\(question?.text ?? Format.id(mistake.questionId))")
            lines.append("   you chose [\(mistake.choice)], the answer is [\(mistake.correctChoice)]\(right.map { " \($0)" } ?? "")")
            if !mistake.explanation.isEmpty { lines.append("   \(mistake.explanation)") }
        }
        if let next = result.nextReviewAt { lines.append("\nNext review: \(Format.time(next)).") }
        return lines.joined(separator: "\n")
    }
}
