import ArgumentParser
import Logging

/// `devmentor-bench`: measures the fleet's building blocks and prints one JSON object per line (`BenchResult`),
/// which `Benchmarks/run.sh` collects beside its peers' numbers and `report` turns into markdown.
@main
struct DevMentorBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "devmentor-bench",
        abstract: "DevMentor benchmarks: one JSON result per line on stdout, logs on stderr.",
        subcommands: [
            LockBench.self, PublishBench.self, LatencyBench.self, FeedLatencyBench.self, ClaimBench.self, VectorSearchBench.self, LearningEventsBench.self,
            AnalyzeBench.self, AnalyzeFilesCommand.self, ReportCommand.self,
        ]
    )

    /// Stdout carries results only, so logs go to stderr (once per process, as swift-log requires).
    static let logging: Void = LoggingSystem.bootstrap(StreamLogHandler.standardError)

    static func logger(_ label: String) -> Logger {
        _ = logging
        var logger = Logger(label: "bench.\(label)")
        logger.logLevel = .warning
        return logger
    }
}
