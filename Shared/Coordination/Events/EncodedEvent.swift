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

    /// The text is what `JSONCoding.makeEncoder()` writes (sorted keys, ISO 8601 dates, lower-case ids), written by
    /// the envelope itself (`JSONTextWritable`): no `Encoder`, no tree of the envelope around its `data`.
    init(_ envelope: EventEnvelope) {
        self.init(id: envelope.id.lowercasedString, type: envelope.type, source: envelope.source, json: envelope.jsonText())
    }

    var stream: String { EventStream.name(source: source) }
}
