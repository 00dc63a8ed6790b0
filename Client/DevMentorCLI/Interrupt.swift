import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns Ctrl-C (and SIGTERM) into the cancellation of one piece of work, so the code after it still runs: an edit
/// releases its claim, `events` ends with status 0, a streamed answer stops and the chat goes on. Outside a `run`
/// scope the signals keep their default action. A second Ctrl-C while the work winds down ends the process at once.
enum Interrupt {
    private struct State {
        var signalsSeen = 0
        /// While above zero (an editor owns the terminal) Ctrl-C belongs to that program, not to us.
        var shields = 0
    }

    private static let state = Mutex(State())
    private static let signals = [SIGINT, SIGTERM]

    /// Runs `body`; throws `Interrupted` (after `body` has ended its cancellation) when a signal came first.
    static func run<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
        let (arrivals, continuation) = AsyncStream.makeStream(of: Int32.self)
        state.withLock { $0.signalsSeen = 0 }
        let sources = signals.map { number in
            // Dispatch sees the signal only once its default action (ending the process) is off.
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                let seen = state.withLock { state -> Int in
                    guard state.shields == 0 else { return 0 }
                    state.signalsSeen += 1
                    return state.signalsSeen
                }
                if seen == 1 { continuation.yield(number) }
                if seen > 1 { exit(ExitStatus.interrupted) }
            }
            source.resume()
            return source
        }
        defer {
            for source in sources { source.cancel() }
            for number in signals { signal(number, SIG_DFL) }
            continuation.finish()
        }
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await body() }
            group.addTask {
                for await number in arrivals { throw Interrupted(signal: number) }
                return nil
            }
            defer { group.cancelAll() }
            while let result = try await group.next() {
                if let result { return result }
            }
            throw CancellationError()
        }
    }

    /// Runs `body` (an editor in the foreground) with Ctrl-C left to it.
    static func shielded<T>(_ body: () async throws -> T) async rethrows -> T {
        state.withLock { $0.shields += 1 }
        defer { state.withLock { $0.shields -= 1 } }
        return try await body()
    }
}
