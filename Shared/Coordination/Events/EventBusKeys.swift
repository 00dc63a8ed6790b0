/// Redis keys of the event bus other than the streams themselves (those are `EventStream`'s).
enum EventBusKeys {
    /// Set after `group` handled the event `eventID`, with the consumer's `processedTTL`.
    static func processed(group: String, eventID: String) -> String {
        "events:processed:\(group):\(eventID)"
    }
}
