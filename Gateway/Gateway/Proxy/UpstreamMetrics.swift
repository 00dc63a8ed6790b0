import Metrics
import Resilience
import Synchronization

/// What the gateway records per upstream, beside Hummingbird's per-route request metrics:
/// `gateway_upstream_requests{upstream, status}` (status class or failure reason), `gateway_upstream_duration`
/// (a histogram), `gateway_circuit_breaker_state{upstream}` (0 closed, 1 half-open, 2 open) and
/// `gateway_circuit_breaker_rejections{upstream}`. The metric objects are made once per upstream: looking them up
/// in the registry on every request would cost a lock and a dictionary search each time.
final class UpstreamMetrics: Sendable {
    private struct Handles: Sendable {
        let statusClasses: [Counter]  // index: status / 100 (0...5)
        let unreachable: Counter
        let timeout: Counter
        let duration: Timer
        let rejections: Counter

        init(upstream: String) {
            statusClasses = (0...5).map { Counter(label: "gateway_upstream_requests", dimensions: [("upstream", upstream), ("status", "\($0)xx")]) }
            unreachable = Counter(label: "gateway_upstream_requests", dimensions: [("upstream", upstream), ("status", "unreachable")])
            timeout = Counter(label: "gateway_upstream_requests", dimensions: [("upstream", upstream), ("status", "timeout")])
            duration = Timer(label: "gateway_upstream_duration", dimensions: [("upstream", upstream)], preferredDisplayUnit: .seconds)
            rejections = Counter(label: "gateway_circuit_breaker_rejections", dimensions: [("upstream", upstream)])
        }
    }

    private let handles: [String: Handles]

    init(upstreams: [Upstream]) {
        var handles: [String: Handles] = [:]
        for upstream in upstreams { handles[upstream.name] = Handles(upstream: upstream.name) }
        self.handles = handles
    }

    func answered(_ upstream: Upstream, status: Int, duration: Duration) {
        guard let handles = handles[upstream.name] else { return }
        handles.statusClasses[min(max(status / 100, 0), 5)].increment()
        handles.duration.recordNanoseconds(duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000)
    }

    func failed(_ upstream: Upstream, reason: String) {
        guard let handles = handles[upstream.name] else { return }
        (reason == "timeout" ? handles.timeout : handles.unreachable).increment()
    }

    func rejectedByBreaker(_ upstream: Upstream) {
        handles[upstream.name]?.rejections.increment()
    }

    static func record(_ state: CircuitBreakerState, breaker name: String) {
        let value: Double = switch state {
        case .closed: 0
        case .halfOpen: 1
        case .open: 2
        }
        Gauge(label: "gateway_circuit_breaker_state", dimensions: [("upstream", name)]).record(value)
    }
}
