/// A time-based sliding window made of fixed buckets: a ring of `bucketCount` slots, each `span / bucketCount`
/// wide, tagged with the bucket number ("epoch") it currently holds.
///
/// Buckets instead of a list of timestamped calls keep memory and the cost of a total constant however busy the
/// caller is, which matters on the gateway's per-request path. The price is granularity: the window covers the
/// current bucket plus the `bucketCount - 1` before it, so its effective length lies between
/// `span - span / bucketCount` and `span`.
struct TimeBucketedWindow<Value: AdditiveArithmetic & Sendable>: Sendable {
    private let origin: ContinuousClock.Instant
    private let bucketWidth: Int64
    private var epochs: [Int64]
    private var values: [Value]

    init(origin: ContinuousClock.Instant, span: Duration, bucketCount: Int) {
        precondition(bucketCount >= 1, "a window needs at least one bucket")
        precondition(span > .zero, "a window must have a positive length")
        self.origin = origin
        bucketWidth = max(1, span.saturatingNanoseconds / Int64(bucketCount))
        // Int64.min marks a slot that has never held a bucket: it is older than any epoch, so totals skip it.
        epochs = Array(repeating: .min, count: bucketCount)
        values = Array(repeating: .zero, count: bucketCount)
    }

    mutating func add(_ value: Value, at now: ContinuousClock.Instant) {
        let epoch = epoch(at: now)
        let slot = Int(epoch % Int64(epochs.count))
        // A reading taken just before a concurrent one that already recycled this slot for a newer bucket belongs
        // to a bucket that has left the window; dropping it beats wiping the newer bucket's counts.
        if epochs[slot] > epoch { return }
        if epochs[slot] != epoch {
            epochs[slot] = epoch
            values[slot] = .zero
        }
        values[slot] += value
    }

    func total(at now: ContinuousClock.Instant) -> Value {
        let current = epoch(at: now)
        let oldest = current - Int64(epochs.count) + 1
        var sum = Value.zero
        for slot in epochs.indices where epochs[slot] >= oldest && epochs[slot] <= current {
            sum += values[slot]
        }
        return sum
    }

    mutating func reset() {
        for slot in epochs.indices {
            epochs[slot] = .min
            values[slot] = .zero
        }
    }

    private func epoch(at now: ContinuousClock.Instant) -> Int64 {
        max(0, (now - origin).saturatingNanoseconds) / bucketWidth
    }
}
