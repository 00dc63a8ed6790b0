import Contracts
import Foundation

/// One entry handed to this consumer, with its raw fields. Decoding is deferred to handling so that an
/// undecodable entry is dead-lettered with its bytes intact instead of failing the whole batch.
struct EventDelivery: Sendable {
    let entry: StreamEntry
    let fields: [String: [UInt8]]

    var key: EventConsumerState.Key { EventConsumerState.Key(stream: entry.stream, id: entry.id) }

    /// Set on entries moved back by `DeadLetterReplayer`: only that group handles them, every other group
    /// acknowledges them unseen, since it already handled the original.
    var replayFor: String? { fields["replayFor"].map { String(decoding: $0, as: UTF8.self) } }

    /// The entry's `type` field (the producer writes the envelope's type beside it).
    var type: String? { fields["type"].map { String(decoding: $0, as: UTF8.self) } }

    /// The envelope, read by `EventEnvelope(json:)` (`JSONDecoder` rebuilt its `data` through `Decodable`, a thrown
    /// error for every container: 28 % of the learning service's CPU on analysis events).
    func envelope() -> Result<EventEnvelope, DecodingFailure> {
        guard let bytes = fields["envelope"] else {
            return .failure(DecodingFailure(description: "entry has no envelope field"))
        }
        do {
            return .success(try EventEnvelope(json: bytes))
        } catch {
            return .failure(DecodingFailure(description: "envelope is not a valid EventEnvelope: \(error)"))
        }
    }

    struct DecodingFailure: Error, CustomStringConvertible {
        let description: String
    }
}
