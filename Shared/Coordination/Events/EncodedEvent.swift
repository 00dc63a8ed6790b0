import Contracts
import Foundation

/// An envelope already turned into the fields of a stream entry. The outbox stores exactly these bytes, so
/// what a relay publishes is what the transaction wrote, byte for byte.
struct EncodedEvent: Sendable, Equatable {
    let id: String
    let type: String
    let source: String
    let json: [UInt8]

    init(id: String, type: String, source: String, json: [UInt8]) {
        self.id = id
        self.type = type
        self.source = source
        self.json = json
    }

    /// The text is what `JSONCoding.makeEncoder()` writes (sorted keys, ISO 8601 dates, lower-case ids), made through
    /// a `JSONValue` tree: several times cheaper than `JSONEncoder` for an envelope whose `data` is already a tree.
    init(_ envelope: EventEnvelope) throws {
        self.init(
            id: envelope.id.lowercasedString,
            type: envelope.type,
            source: envelope.source,
            json: try JSONValueCoding.encode(envelope).jsonText()
        )
    }

    var stream: String { EventStream.name(source: source) }
}
