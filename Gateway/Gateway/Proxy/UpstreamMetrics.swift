import Metrics
import Resilience

/// What the gateway records per upstream, beside Hummingbird's per-route request metrics:
/// `gateway_upstream_requests{upstream, status}` (status class or failure reason), `gateway_upstream_duration`
/// (a histogram), `gateway_circuit_breaker_state{upstream}` (0 closed, 1 half-open, 2 open) and
/// `gateway_circuit_breaker_rejections{upstream}`.
struct UpstreamMetrics: Sendable {
    func answered(_ upstream: Upstream, status: Int, duration: Duration) {
        Counter(label: "gateway_upstream_requests", dimensions: [("upstream", upstream.name), ("status", "\(status / 100)xx")]).increment()
        Timer(label: "gateway_upstream_duration", dimensions: [("upstream", upstream.name)], preferredDisplayUnit: .seconds)
            .recordNanoseconds(duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000)
    }

    func failed(_ upstream: Upstream, reason: String) {
        Counter(label: "gateway_upstream_requests", dimensions: [("upstream", upstream.name), ("status", reason)]).increment()
    }

    func rejectedByBreaker(_ upstream: Upstream) {
        Counter(label: "gateway_circuit_breaker_rejections", dimensions: [("upstream", upstream.name)]).increment()
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
