import Synchronization

/// How many fleets of processes may run at once in one test run. Every fleet starts four to six executables; the
/// suites that use one (CLI, fleet failover, the saga) would otherwise start them all at the same moment and starve a
/// two-core machine, and tests with TTLs of seconds elsewhere in the run would see their clocks jump.
actor FleetGate {
    static let shared = FleetGate(limit: 2)

    private let limit: Int
    private var running = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(limit: Int) { self.limit = limit }

    func enter() async {
        if running < limit {
            running += 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func leave() {
        if waiting.isEmpty {
            running -= 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}

/// One fleet's place at the gate: taken by `start`, given back once by `stop` (or by a `start` that failed).
final class FleetAdmission: Sendable {
    private let held = Mutex(false)

    func take() async {
        await FleetGate.shared.enter()
        held.withLock { $0 = true }
    }

    func giveBack() async {
        let wasHeld = held.withLock { held in
            defer { held = false }
            return held
        }
        if wasHeld { await FleetGate.shared.leave() }
    }
}
