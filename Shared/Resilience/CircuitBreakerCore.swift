import Foundation

/// The circuit breaker's state machine as a plain value: no locking, no clock, no callbacks. `CircuitBreaker`
/// keeps one behind a `Mutex`, feeds it the time, and publishes the transitions it reports.
struct CircuitBreakerCore: Sendable {
    typealias Transition = (from: CircuitBreakerState, to: CircuitBreakerState)

    /// A half-open probe that has been admitted and has not reported yet.
    private struct Probe: Sendable {
        let id: UInt64
        let admittedAt: ContinuousClock.Instant
    }

    let name: String
    let configuration: CircuitBreakerConfiguration
    private(set) var state: CircuitBreakerState = .closed
    private var window: TimeBucketedWindow<CallCounts>
    /// Bumped on every transition so outcomes from an earlier state period are recognised and dropped.
    private var generation: UInt64 = 0
    /// Start of the current open period, on the monotonic clock.
    private var openedAt: ContinuousClock.Instant?
    /// Start of the last open period, on the wall clock; survives closing, cleared by `reset`.
    private(set) var openedAtDate: Date?
    private var outstandingProbes: [Probe] = []
    private var nextProbeID: UInt64 = 0
    private var succeededProbes = 0
    private var slowProbes = 0

    init(name: String, configuration: CircuitBreakerConfiguration, origin: ContinuousClock.Instant) {
        configuration.validate()
        self.name = name
        self.configuration = configuration
        window = TimeBucketedWindow(origin: origin, span: configuration.slidingWindow, bucketCount: configuration.windowBuckets)
    }

    mutating func acquire(
        now: ContinuousClock.Instant,
        wallNow: Date,
        transitions: inout [Transition]
    ) -> Result<CircuitBreakerPermission, CircuitBreakerOpenError> {
        switch state {
        case .closed:
            return .success(CircuitBreakerPermission(startedAt: now, generation: generation, probeID: nil))

        case .open:
            let halfOpenAt = (openedAt ?? now) + configuration.openDuration
            guard now >= halfOpenAt else {
                return .failure(CircuitBreakerOpenError(name: name, state: .open, retryAfter: halfOpenAt - now))
            }
            // Half-open is entered here, on demand, rather than by a timer: no timer to own or cancel, and the
            // first caller after the open duration becomes the first probe.
            transition(to: .halfOpen, &transitions)
            return .success(admitProbe(now: now))

        case .halfOpen:
            if abandonOverdueProbes(now: now, wallNow: wallNow, transitions: &transitions) {
                return .failure(CircuitBreakerOpenError(name: name, state: .open, retryAfter: configuration.openDuration))
            }
            if outstandingProbes.count + succeededProbes < configuration.halfOpenProbes {
                return .success(admitProbe(now: now))
            }
            // Every slot is taken by an outstanding probe (completed ones would have closed or opened the
            // breaker), so there is an oldest one, and its deadline is when the breaker will have decided.
            let oldest = outstandingProbes.map(\.admittedAt).min() ?? now
            let retryAfter = max(.zero, oldest + configuration.maxHalfOpenWait - now)
            return .failure(CircuitBreakerOpenError(name: name, state: .halfOpen, retryAfter: retryAfter))
        }
    }

    mutating func record(
        _ outcome: CallOutcome,
        for permission: CircuitBreakerPermission,
        duration: Duration,
        now: ContinuousClock.Instant,
        wallNow: Date,
        transitions: inout [Transition]
    ) {
        if state == .halfOpen, abandonOverdueProbes(now: now, wallNow: wallNow, transitions: &transitions) {
            return
        }
        guard permission.generation == generation else { return }
        let isSlow = duration >= configuration.slowCallDurationThreshold

        switch state {
        case .closed:
            guard outcome != .ignored else { return }
            window.add(
                CallCounts(calls: 1, failures: outcome == .failure ? 1 : 0, slowCalls: isSlow ? 1 : 0),
                at: now
            )
            let totals = window.total(at: now)
            guard totals.calls >= configuration.minimumCalls else { return }
            if totals.failureRate >= configuration.failureRateThreshold
                || totals.slowCallRate >= configuration.slowCallRateThreshold
            {
                open(now: now, wallNow: wallNow, &transitions)
            }

        case .halfOpen:
            guard let probeID = permission.probeID,
                let index = outstandingProbes.firstIndex(where: { $0.id == probeID })
            else { return }
            outstandingProbes.remove(at: index)
            switch outcome {
            case .ignored:
                // The slot is free again for the next caller; nothing was learnt.
                return
            case .failure:
                open(now: now, wallNow: wallNow, &transitions)
            case .success:
                succeededProbes += 1
                if isSlow { slowProbes += 1 }
                guard succeededProbes >= configuration.halfOpenProbes else { return }
                // The probes are judged by the same slow-call rule as the window, so an upstream that answers
                // but too slowly does not close the breaker only to trip it again a window later.
                let slowRate = Double(slowProbes) / Double(configuration.halfOpenProbes)
                if slowRate >= configuration.slowCallRateThreshold {
                    open(now: now, wallNow: wallNow, &transitions)
                } else {
                    transition(to: .closed, &transitions)
                }
            }

        case .open:
            // Unreachable through the generation check (entering open bumps it), kept for exhaustiveness.
            return
        }
    }

    /// Back to closed with an empty window and no open history, whatever the current state.
    mutating func reset(transitions: inout [Transition]) {
        transition(to: .closed, &transitions)
        openedAt = nil
        openedAtDate = nil
    }

    func snapshot(now: ContinuousClock.Instant) -> CircuitBreakerSnapshot {
        let totals = window.total(at: now)
        return CircuitBreakerSnapshot(
            name: name,
            state: state,
            failureRate: totals.failureRate,
            slowCallRate: totals.slowCallRate,
            calls: totals.calls,
            failedCalls: totals.failures,
            slowCalls: totals.slowCalls,
            openedAt: openedAtDate
        )
    }

    private mutating func admitProbe(now: ContinuousClock.Instant) -> CircuitBreakerPermission {
        nextProbeID &+= 1
        outstandingProbes.append(Probe(id: nextProbeID, admittedAt: now))
        return CircuitBreakerPermission(startedAt: now, generation: generation, probeID: nextProbeID)
    }

    /// Opens the breaker again if a probe has gone `maxHalfOpenWait` without an outcome. Measured per probe, not
    /// from entering half-open: under light traffic the last probe may legitimately be admitted long after the
    /// first, and it deserves the full wait too.
    private mutating func abandonOverdueProbes(
        now: ContinuousClock.Instant,
        wallNow: Date,
        transitions: inout [Transition]
    ) -> Bool {
        guard outstandingProbes.contains(where: { now - $0.admittedAt >= configuration.maxHalfOpenWait }) else {
            return false
        }
        open(now: now, wallNow: wallNow, &transitions)
        return true
    }

    private mutating func open(now: ContinuousClock.Instant, wallNow: Date, _ transitions: inout [Transition]) {
        transition(to: .open, &transitions)
        openedAt = now
        openedAtDate = wallNow
    }

    private mutating func transition(to newState: CircuitBreakerState, _ transitions: inout [Transition]) {
        if newState != state {
            transitions.append((from: state, to: newState))
        }
        state = newState
        generation &+= 1
        outstandingProbes.removeAll()
        succeededProbes = 0
        slowProbes = 0
        // The window is kept while open and half-open so the admin view still shows the rates that tripped the
        // breaker; closing starts a fresh one, since those old failures say nothing about the recovered upstream.
        if newState == .closed {
            window.reset()
        }
    }
}
