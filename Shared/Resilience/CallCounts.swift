/// What a circuit breaker's window counts per bucket. `AdditiveArithmetic` so the generic window can sum buckets.
struct CallCounts: AdditiveArithmetic, Sendable {
    var calls: Int
    var failures: Int
    var slowCalls: Int

    static let zero = CallCounts(calls: 0, failures: 0, slowCalls: 0)

    static func + (lhs: CallCounts, rhs: CallCounts) -> CallCounts {
        CallCounts(calls: lhs.calls + rhs.calls, failures: lhs.failures + rhs.failures, slowCalls: lhs.slowCalls + rhs.slowCalls)
    }

    static func - (lhs: CallCounts, rhs: CallCounts) -> CallCounts {
        CallCounts(calls: lhs.calls - rhs.calls, failures: lhs.failures - rhs.failures, slowCalls: lhs.slowCalls - rhs.slowCalls)
    }

    /// 0 for an empty window rather than NaN, so snapshots always encode to valid JSON.
    var failureRate: Double {
        calls == 0 ? 0 : Double(failures) / Double(calls)
    }

    var slowCallRate: Double {
        calls == 0 ? 0 : Double(slowCalls) / Double(calls)
    }
}
