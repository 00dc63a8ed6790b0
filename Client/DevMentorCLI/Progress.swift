import Foundation

/// A spinner with a status line on stderr while long work runs — only when stderr is a terminal, so logs and
/// scripts never see control characters.
enum Progress {
    static func run<T: Sendable>(_ status: String, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        guard Terminal.stderrIsTerminal else { return try await body() }
        // Runs after the group has ended, spinner included, so no frame is drawn after the line is cleared.
        defer { Terminal.err("\r\u{1B}[2K") }
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await body() }
            group.addTask {
                let frames = Array("⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏")
                let start = ContinuousClock.now
                var index = 0
                while !Task.isCancelled {
                    let seconds = (ContinuousClock.now - start).components.seconds
                    Terminal.err("\r\(frames[index % frames.count]) \(status) \(seconds)s")
                    index += 1
                    try? await Task.sleep(for: .milliseconds(100))
                }
                return nil
            }
            defer { group.cancelAll() }
            while let result = try await group.next() {
                if let result { return result }
            }
            throw CancellationError()
        }
    }
}
