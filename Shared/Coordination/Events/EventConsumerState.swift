/// The mutable state an `EventConsumer` shares between its read loop, reclaim loop and shutdown watcher,
/// always accessed under the consumer's `Mutex`.
///
/// "Held" entries are those this process owns in the group's pending list and has not finished with: read
/// or claimed, possibly being handled. The reclaim loop renews them so peers do not take them over; on exit
/// they are released so peers can take them at once.
struct EventConsumerState: Sendable {
    struct Key: Hashable, Sendable {
        let stream: String
        let id: String
    }

    struct Held: Sendable {
        var deliveryCount: Int
        /// A handler has been invoked for this delivery; releasing it then keeps the delivery count, while an
        /// entry never handed to a handler gets its count back.
        var started: Bool
    }

    var isRunning = false
    var stopping = false
    var groupsReady = false
    /// The CLIENT ID of the read connection while it is inside a blocking XREADGROUP, for CLIENT UNBLOCK.
    var blockedClientID: Int64?
    private(set) var held: [Key: Held] = [:]
    /// Entries being acknowledged or dead-lettered: no longer renewed, but not to be taken in again by this
    /// process's own reclaim pass until that step is over (a stall longer than `reclaimAfter` in between would
    /// otherwise hand a dead-lettered event to the handler a second time).
    private(set) var finishing: Set<Key> = []
    /// Entries the reclaim loop claimed, waiting for the read loop to handle them.
    private(set) var reclaimed: [EventDelivery] = []
    var claimCursors: [String: String] = [:]

    init() {}

    /// Holds the deliveries and returns those not already held (a redelivery of an entry this process still
    /// holds is already being dealt with).
    mutating func hold(_ deliveries: [EventDelivery]) -> [EventDelivery] {
        deliveries.filter { delivery in
            guard held[delivery.key] == nil, !finishing.contains(delivery.key) else { return false }
            held[delivery.key] = Held(deliveryCount: delivery.entry.deliveryCount, started: false)
            return true
        }
    }

    /// Marks the entry started. False when it must not be handled: shutting down, or no longer held
    /// (taken over by another consumer).
    mutating func start(_ key: Key) -> Bool {
        guard !stopping, held[key] != nil else { return false }
        held[key]?.started = true
        return true
    }

    /// Stops holding the entry: it was acknowledged or dead-lettered, or it failed and is left for a retry.
    mutating func forget(_ key: Key) {
        held[key] = nil
    }

    /// Stops holding the entry because it is about to be acknowledged or dead-lettered; `finished` ends that.
    mutating func finish(_ key: Key) {
        held[key] = nil
        finishing.insert(key)
    }

    mutating func finished(_ key: Key) {
        finishing.remove(key)
    }

    /// Entries no longer owned by this consumer. Returns those that were still held (the others were
    /// finished in the meantime, which is no loss) and, of those, the ones whose handler had started.
    mutating func lose(_ keys: [Key]) -> (held: [Key], started: [Key]) {
        var stillHeld: [Key] = []
        var started: [Key] = []
        for key in keys {
            guard let entry = held.removeValue(forKey: key) else { continue }
            stillHeld.append(key)
            if entry.started { started.append(key) }
        }
        reclaimed.removeAll { delivery in keys.contains(delivery.key) }
        return (stillHeld, started)
    }

    mutating func enqueueReclaimed(_ deliveries: [EventDelivery]) {
        reclaimed.append(contentsOf: deliveries)
    }

    mutating func takeReclaimed() -> [EventDelivery] {
        defer { reclaimed = [] }
        return reclaimed
    }

    var hasReclaimedWaiting: Bool { !reclaimed.isEmpty }

    func heldIDsByStream() -> [String: [String]] {
        var byStream: [String: [String]] = [:]
        for key in held.keys { byStream[key.stream, default: []].append(key.id) }
        return byStream
    }

    /// Everything still held, and forgets it.
    mutating func takeAllHeld() -> [Key: Held] {
        defer {
            held = [:]
            reclaimed = []
        }
        return held
    }
}
