import Synchronization

/// Circuit breakers by name, created on first use with shared defaults: the gateway keeps one per upstream,
/// the AI gateway one per model provider, and the admin routes list and reset them by name.
public final class CircuitBreakerRegistry: Sendable {
    public let defaultConfiguration: CircuitBreakerConfiguration
    private let clock: any ResilienceClock
    private let onStateChange: (@Sendable (CircuitBreakerStateChange) -> Void)?
    private let breakers: Mutex<[String: CircuitBreaker]>

    /// - Parameter onStateChange: given to every breaker the registry creates (see `CircuitBreaker.init`).
    public init(
        defaultConfiguration: CircuitBreakerConfiguration = CircuitBreakerConfiguration(),
        clock: any ResilienceClock = SystemResilienceClock(),
        onStateChange: (@Sendable (CircuitBreakerStateChange) -> Void)? = nil
    ) {
        defaultConfiguration.validate()
        self.defaultConfiguration = defaultConfiguration
        self.clock = clock
        self.onStateChange = onStateChange
        breakers = Mutex([:])
    }

    /// The breaker with this name, created with `configuration` (or the registry's default) if it does not exist
    /// yet. An existing breaker is returned as it is: its configuration is fixed at creation.
    public func breaker(named name: String, configuration: CircuitBreakerConfiguration? = nil) -> CircuitBreaker {
        breakers.withLock { breakers in
            if let existing = breakers[name] { return existing }
            let created = CircuitBreaker(
                name: name,
                configuration: configuration ?? defaultConfiguration,
                clock: clock,
                onStateChange: onStateChange
            )
            breakers[name] = created
            return created
        }
    }

    /// The breaker with this name if one has been created; never creates one (an admin reset of an unknown
    /// name must be a 404, not a new breaker).
    public func existingBreaker(named name: String) -> CircuitBreaker? {
        breakers.withLock { $0[name] }
    }

    /// Names of all breakers, sorted.
    public var names: [String] {
        breakers.withLock { Array($0.keys) }.sorted()
    }

    /// Snapshots of all breakers, sorted by name so the admin listing is stable.
    public func snapshots() -> [CircuitBreakerSnapshot] {
        // Breakers are collected first and snapshotted outside the registry's lock: each takes its own lock.
        let all = breakers.withLock { Array($0.values) }
        return all.map { $0.snapshot() }.sorted { $0.name < $1.name }
    }

    /// Resets the named breaker; false if there is none by that name.
    @discardableResult
    public func reset(named name: String) -> Bool {
        guard let breaker = existingBreaker(named: name) else { return false }
        breaker.reset()
        return true
    }

    public func resetAll() {
        for breaker in breakers.withLock({ Array($0.values) }) {
            breaker.reset()
        }
    }
}
