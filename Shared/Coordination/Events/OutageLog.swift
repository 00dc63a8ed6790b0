import Logging

/// Logs an outage once when it starts and once when it ends, however many polls fail in between: a relay
/// polling every 200 ms would otherwise write five warnings a second while Redis is down.
struct OutageLog: Sendable {
    let what: String
    private var since: ContinuousClock.Instant?
    private var failures = 0

    init(what: String) {
        self.what = what
    }

    var isOngoing: Bool { since != nil }

    mutating func failed(_ error: any Error, logger: Logger, metadata: Logger.Metadata = [:]) {
        failures += 1
        if since == nil {
            since = .now
            var metadata = metadata
            metadata["error"] = "\(error)"
            logger.warning("\(what) failing; retrying with backoff until it recovers", metadata: metadata)
        } else {
            logger.debug("\(what) still failing", metadata: ["error": "\(error)", "attempts": "\(failures)"])
        }
    }

    mutating func recovered(logger: Logger, metadata: Logger.Metadata = [:]) {
        guard let since else { return }
        var metadata = metadata
        let elapsed = (ContinuousClock.now - since).components
        let tenths = elapsed.seconds * 10 + elapsed.attoseconds / 100_000_000_000_000_000
        metadata["outage.seconds"] = "\(tenths / 10).\(tenths % 10)"
        metadata["attempts"] = "\(failures)"
        logger.info("\(what) recovered", metadata: metadata)
        self.since = nil
        failures = 0
    }
}
