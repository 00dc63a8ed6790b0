import Metrics

/// The memory service's own metrics on `/metrics`: the hot-key cache's hits and misses (hit ratio =
/// hits / (hits + misses)), its size, and the search's duration and scanned vectors.
final class MemoryMetrics: Sendable {
    static let shared = MemoryMetrics()

    let cacheHits = Counter(label: "memory_cache_hits")
    let cacheMisses = Counter(label: "memory_cache_misses")
    let cacheBytes = Gauge(label: "memory_cache_bytes")
    let invalidationsReceived = Counter(label: "memory_invalidations_received")
    let searchDuration = Timer(label: "memory_search_duration")
    let searchedVectors = Counter(label: "memory_searched_vectors")
}
