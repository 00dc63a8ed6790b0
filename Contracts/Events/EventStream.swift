import Foundation

/// The Redis stream names of the event bus, spelled only here.
public enum EventStream {
    /// `events:<source>`: where the service `source` publishes its events.
    public static func name(source: String) -> String {
        "events:\(source)"
    }

    /// `events:<source>:dead`: where entries of `events:<source>` go after too many failed deliveries.
    public static func deadLetterName(source: String) -> String {
        "\(name(source: source)):dead"
    }
}
