import Coordination
import Foundation
import Synchronization

/// What a test handler saw: every call, whether it succeeded, and how many ran at once.
final class EventHandlerLog: Sendable {
    struct Call: Sendable {
        let eventID: UUID
        let entry: StreamEntry
        let succeeded: Bool
    }

    private struct State {
        var calls: [Call] = []
        var running = 0
        var maxRunning = 0
    }

    private let state = Mutex(State())

    var calls: [Call] { state.withLock { $0.calls } }
    var successes: [Call] { calls.filter(\.succeeded) }
    var maxRunning: Int { state.withLock { $0.maxRunning } }

    func attempts(of eventID: UUID) -> [Call] { calls.filter { $0.eventID == eventID } }

    /// Brackets a handler body: counts it as running, then records its outcome.
    func run(_ eventID: UUID, _ entry: StreamEntry, _ body: () async throws -> Void) async throws {
        state.withLock { state in
            state.running += 1
            state.maxRunning = max(state.maxRunning, state.running)
        }
        do {
            try await body()
            state.withLock { state in
                state.running -= 1
                state.calls.append(Call(eventID: eventID, entry: entry, succeeded: true))
            }
        } catch {
            state.withLock { state in
                state.running -= 1
                state.calls.append(Call(eventID: eventID, entry: entry, succeeded: false))
            }
            throw error
        }
    }
}
