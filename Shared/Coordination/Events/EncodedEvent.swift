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

    init(_ envelope: EventEnvelope, encoder: JSONEncoder) throws {
        self.init(
            id: envelope.id.lowercasedString,
            type: envelope.type,
            source: envelope.source,
            json: Array(try encoder.encode(envelope))
        )
    }

    var stream: String { EventStream.name(source: source) }
}
