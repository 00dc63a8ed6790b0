import ArgumentParser

/// `devmentor learn …`: the learning service.
struct LearnCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "learn",
        abstract: "Your learning path, quizzes and recommendations.",
        subcommands: [LearnPath.self, LearnQuizzes.self, LearnQuiz.self, LearnRecommendations.self]
    )
}
