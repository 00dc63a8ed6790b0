import Metrics

/// The metrics of one consumer, per stream, with dimensions `stream` and `group`. Created once so that
/// the handling path only increments.
struct EventConsumerMetrics: Sendable {
    struct Stream: Sendable {
        /// Handlers that completed.
        let handled: Counter
        /// Handler failures left pending for another attempt.
        let retried: Counter
        /// Entries moved to the dead-letter stream.
        let deadLettered: Counter
        /// Entries taken over from a stalled or dead consumer (including this one's own failed entries).
        let reclaimed: Counter
        /// Deliveries skipped because the event id was already handled by the group.
        let duplicates: Counter
        /// Entries of a type the consumer does not read (`EventConsumerConfiguration.eventTypes`), acknowledged unseen.
        let notSubscribed: Counter
        /// Entries not yet delivered to the group (XINFO GROUPS `lag`).
        let lag: Gauge
        /// Entries delivered to the group and not yet acknowledged.
        let pending: Gauge
        let handlerDuration: Timer

        init(stream: String, group: String) {
            let dimensions = [("stream", stream), ("group", group)]
            handled = Counter(label: "events_handled", dimensions: dimensions)
            retried = Counter(label: "events_retried", dimensions: dimensions)
            deadLettered = Counter(label: "events_dead_lettered", dimensions: dimensions)
            reclaimed = Counter(label: "events_reclaimed", dimensions: dimensions)
            duplicates = Counter(label: "events_duplicates_skipped", dimensions: dimensions)
            notSubscribed = Counter(label: "events_not_subscribed", dimensions: dimensions)
            lag = Gauge(label: "events_consumer_lag", dimensions: dimensions)
            pending = Gauge(label: "events_consumer_pending", dimensions: dimensions)
            handlerDuration = Timer(label: "events_handler_duration", dimensions: dimensions)
        }
    }

    private let streams: [String: Stream]

    init(streams: [String], group: String) {
        self.streams = Dictionary(uniqueKeysWithValues: streams.map { ($0, Stream(stream: $0, group: group)) })
    }

    subscript(stream: String) -> Stream {
        guard let metrics = streams[stream] else {
            preconditionFailure("no metrics for stream \(stream), which this consumer does not read")
        }
        return metrics
    }
}
