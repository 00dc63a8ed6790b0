import Contracts
import Foundation
import Resilience
import Synchronization

/// A remote provider behind its own circuit breaker, remembering whether its last call succeeded.
public final class GuardedProvider: Sendable {
    public let remote: any RemoteModelProvider
    public let priority: Int
    public let breaker: CircuitBreaker
    private let lastSucceeded = Mutex<Bool?>(nil)

    public init(remote: any RemoteModelProvider, priority: Int, configuration: CircuitBreakerConfiguration, clock: any ResilienceClock) {
        self.remote = remote
        self.priority = priority
        let name = remote.name
        self.breaker = CircuitBreaker(name: "ai-provider-\(name)", configuration: configuration, clock: clock) { change in
            AIMetrics.record(change.to, provider: name)
        }
        AIMetrics.record(.closed, provider: name)
    }

    public var name: String { remote.name }

    /// Configured, its breaker not open, and its last call (if any) a success.
    public var status: ProviderStatus {
        let state = breaker.state
        let healthy = state != .open && lastSucceeded.withLock { $0 } != false
        return ProviderStatus(name: name, state: BreakerState(rawValue: state.rawValue) ?? .open, priority: priority, healthy: healthy)
    }

    /// Runs `call` if the breaker lets it (nil without calling when it does not), recording the outcome. A
    /// cancelled call counts for nothing. `firstByte` lets a streamed call report its time to first token as its
    /// duration, so a long answer is not taken for a slow provider.
    func attempt<T: Sendable>(_ call: (_ firstByte: @escaping @Sendable () -> Void) async throws -> T) async -> Result<T, any Error>? {
        let permission: CircuitBreakerPermission
        do {
            permission = try breaker.acquirePermission()
        } catch {
            AIMetrics.shared.providerCalled(name, outcome: "rejected")
            return nil
        }
        let started = ContinuousClock.now
        let firstAt = Locked<Duration?>(nil)
        let markFirst: @Sendable () -> Void = { firstAt.withLock { if $0 == nil { $0 = ContinuousClock.now - started } } }
        do {
            let value = try await call(markFirst)
            breaker.record(.success, for: permission, duration: firstAt.withLock { $0 } ?? (ContinuousClock.now - started))
            lastSucceeded.withLock { $0 = true }
            AIMetrics.shared.providerCalled(name, outcome: "success")
            return .success(value)
        } catch is CancellationError {
            breaker.record(.ignored, for: permission)
            return .failure(CancellationError())
        } catch {
            breaker.record(.failure, for: permission)
            lastSucceeded.withLock { $0 = false }
            AIMetrics.shared.providerCalled(name, outcome: "failure")
            return .failure(error)
        }
    }
}
