import Testing

/// Yields until `condition` holds. Used where the only signal is the bulkhead's own counters (a waiter has
/// joined the line); it spins on `Task.yield()` rather than sleeping, so it never depends on timing, and it
/// gives up loudly instead of hanging if the condition never comes true.
func eventually(
    _ description: Comment,
    sourceLocation: SourceLocation = #_sourceLocation,
    _ condition: () -> Bool
) async {
    for _ in 0..<1_000_000 {
        if condition() { return }
        await Task.yield()
    }
    Issue.record("never happened: \(description)", sourceLocation: sourceLocation)
}
