import Synchronization

/// Limits how many calls run at once: up to `maxConcurrent` run, up to `maxWaiting` more wait in line (first
/// come, first served), and any call beyond that is refused at once with `BulkheadFullError`. One slow
/// dependency can then tie up only its own share of the process.
///
/// Cancellation-safe: a waiting call that is cancelled leaves the line straight away with `CancellationError`,
/// and a finishing call hands its slot directly to the next waiter, so no slot is lost or double-counted
/// whichever of cancellation and hand-over happens first.
public final class Bulkhead: Sendable {
    private struct Waiter {
        let id: UInt64
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var running = 0
        /// FIFO; bounded by `maxWaiting`, so removing from the front or the middle of an array is cheap enough.
        var waiters: [Waiter] = []
        var nextWaiterID: UInt64 = 0
    }

    private enum Admission {
        case admitted
        case queued
        case cancelled
        case full
    }

    public let name: String
    public let maxConcurrent: Int
    public let maxWaiting: Int
    private let state = Mutex(State())

    public init(name: String = "bulkhead", maxConcurrent: Int, maxWaiting: Int = 0) {
        precondition(maxConcurrent >= 1, "maxConcurrent must be at least 1")
        precondition(maxWaiting >= 0, "maxWaiting must not be negative")
        self.name = name
        self.maxConcurrent = maxConcurrent
        self.maxWaiting = maxWaiting
    }

    /// Calls running now.
    public var runningCount: Int {
        state.withLock { $0.running }
    }

    /// Calls waiting for a slot now.
    public var waitingCount: Int {
        state.withLock { $0.waiters.count }
    }

    /// Runs `operation` once a slot is free. Throws `BulkheadFullError` without waiting when the line is full,
    /// `CancellationError` if the task is cancelled before it gets a slot.
    public func execute<T>(
        isolation: isolated (any Actor)? = #isolation,
        _ operation: () async throws -> T
    ) async throws -> T {
        try await acquire()
        defer { release() }
        // A slot handed over just as the task was cancelled is given back rather than spent on unwanted work.
        try Task.checkCancellation()
        return try await operation()
    }

    private func acquire(isolation: isolated (any Actor)? = #isolation) async throws {
        // Fast path without building a continuation: a free slot and nobody ahead (free slots and waiters never
        // coexist, because a release hands its slot to the first waiter).
        let waiterID: UInt64? = state.withLock { state in
            if state.running < maxConcurrent {
                state.running += 1
                return nil
            }
            state.nextWaiterID &+= 1
            return state.nextWaiterID
        }
        guard let waiterID else { return }

        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let admission: Admission = state.withLock { state in
                    // Checked under the lock: the cancellation handler sets nothing but does take this lock, so
                    // either it ran before (and the task already reads as cancelled here) or it runs after and
                    // finds this waiter in the line.
                    if Task.isCancelled { return .cancelled }
                    if state.running < maxConcurrent {
                        state.running += 1
                        return .admitted
                    }
                    guard state.waiters.count < maxWaiting else { return .full }
                    state.waiters.append(Waiter(id: waiterID, continuation: continuation))
                    return .queued
                }
                switch admission {
                case .admitted: continuation.resume()
                case .queued: break
                case .cancelled: continuation.resume(throwing: CancellationError())
                case .full:
                    continuation.resume(
                        throwing: BulkheadFullError(name: name, maxConcurrent: maxConcurrent, maxWaiting: maxWaiting)
                    )
                }
            }
        } onCancel: {
            let waiter: Waiter? = state.withLock { state in
                guard let index = state.waiters.firstIndex(where: { $0.id == waiterID }) else { return nil }
                return state.waiters.remove(at: index)
            }
            // Not found means the waiter already holds a slot (or never queued); `execute` gives it back.
            waiter?.continuation.resume(throwing: CancellationError())
        }
    }

    private func release() {
        let next: Waiter? = state.withLock { state in
            guard !state.waiters.isEmpty else {
                state.running -= 1
                return nil
            }
            // The slot passes straight to the first waiter, so `running` does not change and no newcomer can
            // overtake the line between the release and the waiter waking up.
            return state.waiters.removeFirst()
        }
        next?.continuation.resume()
    }
}
