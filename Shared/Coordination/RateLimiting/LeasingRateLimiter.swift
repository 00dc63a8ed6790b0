import Synchronization

/// `GCRARateLimiter` with local leases for busy subjects: instead of one Redis round trip per request, a subject
/// that keeps asking is charged for several requests at once (one script call of cost n) and the rest of them are
/// admitted from process memory.
///
/// Why it stays correct across replicas: every leased request is charged in Redis *before* it is admitted, so the
/// shared bound (at most `rate · W / period + burst` over any W) holds exactly as without leases. What leasing can
/// cost is the other direction: tokens a replica leased but did not use within `leaseLifetime` are dropped, so a
/// subject may be refused up to `lease − 1` requests early per replica. Leases are therefore small:
/// - a lease never exceeds `burst / burstShareDivisor` (10 % of the burst by default), so policies with a small
///   burst (login limits, tests) are checked request by request, exactly as before;
/// - a subject starts at leases of 1 and doubles its lease only when it used the previous one up within half the
///   lease lifetime (a busy subject), up to `maximumLease`; a lease that expires unused halves the next one;
/// - when the budget cannot cover a lease, the same request is retried at cost 1, so the last requests of a
///   burst are decided exactly.
/// A refusal is remembered until its `retryAfter`: GCRA admits nothing of the subject before then (other replicas'
/// admissions only push that time later), so a client hammering past its limit costs no Redis calls meanwhile.
/// Headers stay truthful: `remaining` is what Redis reported after the lease plus the tokens still held here.
public final class LeasingRateLimiter: Sendable {
    public let shared: GCRARateLimiter
    /// The largest lease; 1 turns leasing off (every request goes to Redis).
    public let maximumLease: Int
    /// How long leased tokens stay usable; after that they are dropped (they were charged already).
    public let leaseLifetime: Duration
    /// A lease is at most `burst / burstShareDivisor` tokens.
    public let burstShareDivisor: Int
    private let clock = ContinuousClock()
    private let leases = Mutex(LeaseTable())
    private let leasedAdmissions = RateLimitMetrics.leasedAdmissions()
    private let rememberedRefusals = RateLimitMetrics.rememberedRefusals()
    private let redisChecks = Atomic<Int>(0)

    public init(shared: GCRARateLimiter, maximumLease: Int = 64, leaseLifetime: Duration = .seconds(1), burstShareDivisor: Int = 10) {
        precondition(maximumLease >= 1, "a lease holds at least one request, got \(maximumLease)")
        precondition(leaseLifetime > .zero, "leases need a positive lifetime, got \(leaseLifetime)")
        precondition(burstShareDivisor >= 1, "the burst share divisor is at least 1, got \(burstShareDivisor)")
        self.shared = shared
        self.maximumLease = maximumLease
        self.leaseLifetime = leaseLifetime
        self.burstShareDivisor = burstShareDivisor
    }

    /// Admits or rejects one request by `subject` under `policy`: from a lease held here when there is one, else
    /// through Redis. Throws what `GCRARateLimiter.check` throws (Redis unreachable, a bad reply).
    public func check(_ subject: String, policy: RateLimitPolicy) async throws -> RateLimitDecision {
        let now = clock.now
        let largest = largestLease(for: policy)
        let plan = leases.withLock { $0.take(subject, policy: policy, now: now, lifetime: leaseLifetime, largest: largest) }
        let size: Int
        switch plan {
        case .admitted(let decision):
            leasedAdmissions.increment()
            return decision
        case .refused(let decision):
            rememberedRefusals.increment()
            return decision
        case .lease(let wanted):
            size = wanted
        }

        var decision: RateLimitDecision
        var granted = size
        do {
            redisChecks.add(1, ordering: .relaxed)
            decision = try await shared.check(subject, policy: policy, cost: size)
            if !decision.allowed && size > 1 {
                // Not enough budget for a lease: decide this request exactly.
                redisChecks.add(1, ordering: .relaxed)
                decision = try await shared.check(subject, policy: policy, cost: 1)
                granted = 1
            }
        } catch {
            if size > 1 { leases.withLock { $0.abandonLease(subject) } }
            throw error
        }
        let held = leases.withLock { table in
            table.record(subject, policy: policy, planned: size, granted: decision.allowed ? granted : 0, decision: decision, now: clock.now)
        }
        guard decision.allowed else { return decision }
        return RateLimitDecision(
            allowed: true, limit: decision.limit, remaining: decision.remaining + held,
            retryAfter: .zero, resetAfter: decision.resetAfter
        )
    }

    /// Admits one request of `subject` from a lease held here, or answers nil — without Redis and without changing
    /// anything when there is no usable lease (no lease, an empty or expired one, a refusal in force): the caller
    /// then goes through `check`. The gateway's direct proxy path asks this; what it admits is admitted exactly as
    /// `check` would admit it from the same lease.
    ///
    /// A caller that cannot wait would otherwise find a busy subject's lease empty once per lease and then, while
    /// `check` renews it, every request of the crowd behind would go to Redis one by one. So when this admission
    /// leaves a quarter of the lease or less, the next lease is asked for in the background (`refill`), charged in
    /// Redis before any of it is admitted, exactly like a lease `check` takes.
    public func admitFromLease(_ subject: String, policy: RateLimitPolicy) -> RateLimitDecision? {
        let now = clock.now
        let largest = largestLease(for: policy)
        let taken = leases.withLock {
            $0.takeHeld(subject, policy: policy, now: now, lifetime: leaseLifetime, refillLargest: largest)
        }
        guard let (decision, refill) = taken else { return nil }
        leasedAdmissions.increment()
        if let refill { Task { await self.refill(subject, policy: policy, size: refill) } }
        return decision
    }

    /// A lease taken ahead of need (see `admitFromLease`): added to the tokens held when Redis grants it; when the
    /// budget cannot cover it, nothing is charged and the subject goes back to exact decisions.
    private func refill(_ subject: String, policy: RateLimitPolicy, size: Int) async {
        redisChecks.add(1, ordering: .relaxed)
        do {
            let decision = try await shared.check(subject, policy: policy, cost: size)
            leases.withLock { $0.recordRefill(subject, policy: policy, size: size, decision: decision, now: clock.now) }
        } catch {
            leases.withLock { $0.abandonLease(subject) }
        }
    }

    /// The refusal remembered for `subject`, if one is still in force: a local look-up that charges nothing. The
    /// gateway asks it before paying for work a refused subject would only be refused after (a signature check).
    public func rememberedRefusal(for subject: String, policy: RateLimitPolicy) -> RateLimitDecision? {
        let now = clock.now
        return leases.withLock { $0.refusal(subject, policy: policy, now: now) }
    }

    /// How many times this limiter called Redis so far (tests and diagnostics).
    public var sharedChecks: Int { redisChecks.load(ordering: .relaxed) }

    /// The tokens held here for `subject` right now (tests and diagnostics).
    public func heldTokens(for subject: String) -> Int {
        leases.withLock { $0.entries[subject]?.tokens ?? 0 }
    }

    func largestLease(for policy: RateLimitPolicy) -> Int {
        max(1, min(maximumLease, policy.burst / burstShareDivisor))
    }
}

/// The leases of one process, by subject. Pure bookkeeping under the limiter's lock; no I/O.
struct LeaseTable: Sendable {
    struct Entry: Sendable {
        var policy: RateLimitPolicy
        /// Requests already charged in Redis and not yet admitted.
        var tokens: Int
        /// The size of the next lease.
        var nextSize: Int
        var grantedAt: ContinuousClock.Instant
        /// Redis' `remaining` and `resetAfter` when the lease was granted.
        var remainingAtGrant: Int
        var resetAfterAtGrant: Duration
        /// A lease call for this subject is under way: others go to Redis one request at a time meanwhile, so a
        /// crowd arriving at an empty lease does not lease many times over.
        var leasing: Bool
        /// The last refusal and when it came: nothing is admitted before its `retryAfter` has passed.
        var refusal: (at: ContinuousClock.Instant, decision: RateLimitDecision)?
    }

    enum Plan: Sendable, Equatable {
        case admitted(RateLimitDecision)
        case refused(RateLimitDecision)
        case lease(size: Int)
    }

    var entries: [String: Entry] = [:]
    private var writes = 0

    func refusal(_ subject: String, policy: RateLimitPolicy, now: ContinuousClock.Instant) -> RateLimitDecision? {
        guard let entry = entries[subject], entry.policy == policy, let refusal = entry.refusal else { return nil }
        let since = now - refusal.at
        guard since < refusal.decision.retryAfter else { return nil }
        let reset = refusal.decision.resetAfter - since
        return RateLimitDecision(
            allowed: false, limit: policy.burst, remaining: refusal.decision.remaining,
            retryAfter: refusal.decision.retryAfter - since, resetAfter: reset > .zero ? reset : .zero
        )
    }

    /// One of the tokens held for `subject`, if any is usable now (the admitting branch of `take`); nil otherwise,
    /// with the table unchanged. With `refillLargest`, also the size of a lease to take ahead of need when this
    /// admission leaves a quarter of the lease or less and none is being taken (the entry is then marked leasing).
    mutating func takeHeld(
        _ subject: String, policy: RateLimitPolicy, now: ContinuousClock.Instant, lifetime: Duration, refillLargest: Int? = nil
    ) -> (RateLimitDecision, refill: Int?)? {
        guard var entry = entries[subject], entry.policy == policy, entry.tokens > 0, entry.refusal == nil else { return nil }
        let age = now - entry.grantedAt
        guard age < lifetime else { return nil }
        entry.tokens -= 1
        var refill: Int?
        if let largest = refillLargest, !entry.leasing, entry.nextSize > 1, entry.tokens <= entry.nextSize / 4 {
            // Three quarters used within half the lifetime: busy, so the next lease doubles (as in `take`).
            if age < lifetime / 2 { entry.nextSize = min(largest, entry.nextSize * 2) }
            entry.leasing = true
            refill = entry.nextSize
        }
        entries[subject] = entry
        let reset = entry.resetAfterAtGrant - age
        let decision = RateLimitDecision(
            allowed: true, limit: policy.burst, remaining: entry.remainingAtGrant + entry.tokens,
            retryAfter: .zero, resetAfter: reset > .zero ? reset : .zero
        )
        return (decision, refill)
    }

    /// What Redis said to a lease taken ahead of need: `size` more tokens held, or (refused) none and exact
    /// decisions until the budget recovers. A refusal of a whole lease is not remembered as the subject's refusal:
    /// a single request may still fit.
    mutating func recordRefill(_ subject: String, policy: RateLimitPolicy, size: Int, decision: RateLimitDecision, now: ContinuousClock.Instant) {
        guard var entry = entries[subject], entry.policy == policy else { return }
        entry.leasing = false
        if decision.allowed {
            entry.tokens += size
            entry.grantedAt = now
            entry.remainingAtGrant = decision.remaining
            entry.resetAfterAtGrant = decision.resetAfter
        } else {
            entry.nextSize = 1
        }
        entries[subject] = entry
    }

    mutating func take(_ subject: String, policy: RateLimitPolicy, now: ContinuousClock.Instant, lifetime: Duration, largest: Int) -> Plan {
        guard entries[subject]?.policy == policy else { return .lease(size: 1) }
        if let refused = refusal(subject, policy: policy, now: now) { return .refused(refused) }
        entries[subject]?.refusal = nil
        if let (admitted, _) = takeHeld(subject, policy: policy, now: now, lifetime: lifetime) { return .admitted(admitted) }
        guard var entry = entries[subject] else { return .lease(size: 1) }
        let age = now - entry.grantedAt
        if entry.leasing { return .lease(size: 1) }
        if entry.tokens > 0 {
            // The last lease expired with tokens left: this subject is slower than its lease.
            entry.nextSize = max(1, entry.nextSize / 2)
            entry.tokens = 0
        } else if age < lifetime / 2 {
            entry.nextSize = min(largest, entry.nextSize * 2)
        }
        entry.nextSize = min(entry.nextSize, largest)
        entry.leasing = entry.nextSize > 1
        entries[subject] = entry
        return .lease(size: entry.nextSize)
    }

    /// Records what Redis granted for a call of cost `planned`: `granted` requests (0 when refused), one of which is
    /// the caller's. Returns the tokens now held for the subject.
    mutating func record(
        _ subject: String, policy: RateLimitPolicy, planned: Int, granted: Int, decision: RateLimitDecision, now: ContinuousClock.Instant
    ) -> Int {
        let fresh = Entry(
            policy: policy, tokens: 0, nextSize: 1, grantedAt: now, remainingAtGrant: 0, resetAfterAtGrant: .zero, leasing: false, refusal: nil
        )
        var entry = entries[subject].flatMap { $0.policy == policy ? $0 : nil } ?? fresh
        if planned > 1 { entry.leasing = false }
        entry.refusal = granted == 0 ? (now, decision) : nil
        if granted > 0 {
            if granted > 1 || entry.tokens == 0 {
                entry.grantedAt = now
                entry.remainingAtGrant = decision.remaining
                entry.resetAfterAtGrant = decision.resetAfter
            }
            entry.tokens += granted - 1
        }
        if granted <= 1 && planned > 1 || granted == 0 {
            // The budget could not cover a lease, or not even this request: stay exact until it recovers.
            entry.nextSize = 1
        }
        entries[subject] = entry
        sweep(now: now)
        return entry.tokens
    }

    /// The lease call failed (Redis unreachable): let the next request try again.
    mutating func abandonLease(_ subject: String) {
        entries[subject]?.leasing = false
    }

    /// Beyond this many subjects (a flood from many addresses), only those holding tokens or leasing are kept.
    static let maximumEntries = 100_000

    /// Drops idle subjects now and then, so the table holds only recently active ones. Dropping an entry only
    /// costs a Redis call later: its tokens are gone (charged already) and its refusal is asked again.
    private mutating func sweep(now: ContinuousClock.Instant) {
        writes += 1
        guard writes >= 10_000 else { return }
        writes = 0
        entries = entries.filter { $0.value.leasing || now - $0.value.grantedAt < .seconds(10) }
        if entries.count > Self.maximumEntries {
            entries = entries.filter { $0.value.leasing || $0.value.tokens > 0 }
        }
    }
}
