import Resilience
import Testing

@Suite("Circuit breaker registry")
struct CircuitBreakerRegistryTests {
    @Test("one breaker per name, created on first use")
    func oneBreakerPerName() {
        let registry = CircuitBreakerRegistry(clock: ManualClock())
        let first = registry.breaker(named: "projects")
        let again = registry.breaker(named: "projects", configuration: CircuitBreakerConfiguration(minimumCalls: 1))
        #expect(first === again)
        #expect(again.configuration == registry.defaultConfiguration)
        #expect(registry.existingBreaker(named: "auth") == nil)
        #expect(registry.names == ["projects"])
    }

    @Test("a breaker can be given its own configuration")
    func ownConfiguration() {
        let registry = CircuitBreakerRegistry(clock: ManualClock())
        let custom = CircuitBreakerConfiguration(minimumCalls: 3)
        #expect(registry.breaker(named: "ollama", configuration: custom).configuration == custom)
    }

    @Test("snapshots are sorted by name and resets go by name")
    func snapshotsAndReset() throws {
        let clock = ManualClock()
        let recorder = StateChangeRecorder()
        let registry = CircuitBreakerRegistry(clock: clock, onStateChange: recorder.callback)
        for name in ["memory", "auth", "projects"] {
            _ = registry.breaker(named: name)
        }
        let projects = registry.breaker(named: "projects")
        for _ in 0..<10 {
            projects.record(.failure, for: try projects.acquirePermission())
        }
        let snapshots = registry.snapshots()
        #expect(snapshots.map(\.name) == ["auth", "memory", "projects"])
        #expect(snapshots.map(\.state) == [.closed, .closed, .open])

        #expect(!registry.reset(named: "unknown"))
        #expect(registry.names.count == 3)
        #expect(registry.reset(named: "projects"))
        #expect(projects.state == .closed)
        #expect(recorder.all.map(\.name) == ["projects", "projects"])
    }

    @Test("resetAll closes every breaker")
    func resetAll() throws {
        let registry = CircuitBreakerRegistry(clock: ManualClock())
        for name in ["a", "b"] {
            let breaker = registry.breaker(named: name)
            for _ in 0..<10 {
                breaker.record(.failure, for: try breaker.acquirePermission())
            }
        }
        registry.resetAll()
        #expect(registry.snapshots().allSatisfy { $0.state == .closed && $0.calls == 0 })
    }
}
