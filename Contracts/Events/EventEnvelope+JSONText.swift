import Foundation

// The envelope written without `JSONEncoder` (`JSONTextWritable`): every event is turned into text once, where it
// is stored (a service's outbox) or published (`EventPublisher`). Keys in sorted order, all eight always present
// (`actorId` and `traceparent` as `null` when absent), as `EventEnvelope.encode(to:)` writes them.
extension EventEnvelope: JSONTextWritable {
    public func writeJSON(to out: inout JSONTextWriter) {
        out.raw("{")
        out.key("actorId", first: true)
        if let actorId { out.uuid(actorId) } else { out.raw("null") }
        out.key("data")
        out.json(data)
        out.key("id")
        out.uuid(id)
        out.key("occurredAt")
        out.date(occurredAt)
        out.key("source")
        out.string(source)
        out.key("subject")
        out.string(subject)
        out.key("traceparent")
        out.string(traceparent)
        out.key("type")
        out.string(type)
        out.raw("}")
    }
}

extension EventEnvelope {
    /// An envelope from its JSON text (a stream entry's `envelope` field): parsed into a tree (`JSONValue(parsing:)`)
    /// and decoded from it, `data` handed over as it is — `JSONDecoder` would rebuild `data` through `Decodable`.
    public init(json text: [UInt8]) throws {
        self = try JSONValueCoding.decode(EventEnvelope.self, from: try JSONValue(parsing: text))
    }
}
