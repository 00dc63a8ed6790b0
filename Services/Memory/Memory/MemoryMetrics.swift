import Metrics
import ServiceKit

/// The memory service's own metrics on `/metrics`: the hot-key cache's hits and misses (hit ratio =
/// hits / (hits + misses)), its size, and the search's duration and scanned vectors.
final class MemoryMetrics: Sendable {
    /// Bootstraps the process's metrics first: a metric binds to the backend of the moment it is made, so one made
    /// before the bootstrap (a test building a cache before any service) would stay a no-op for the whole process.
    static let shared: MemoryMetrics = {
        _ = Observability.registry
        return MemoryMetrics()
    }()

    let cacheHits = Counter(label: "memory_cache_hits")
    let cacheMisses = Counter(label: "memory_cache_misses")
    let cacheBytes = Gauge(label: "memory_cache_bytes")
    let invalidationsReceived = Counter(label: "memory_invalidations_received")
    let searchDuration = Timer(label: "memory_search_duration")
    let searchedVectors = Counter(label: "memory_searched_vectors")
}
