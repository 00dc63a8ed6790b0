@testable import Coordination
import Testing

/// The consumer's bookkeeping of what it holds, without Redis: the rule that keeps a stalled consumer from taking
/// an entry back from itself while it is acknowledging or dead-lettering it.
@Suite("Event consumer state")
struct EventConsumerStateTests {
    static func delivery(_ id: String, count: Int = 1) -> EventDelivery {
        EventDelivery(entry: StreamEntry(id: id, stream: "events:test", deliveryCount: count), fields: [:])
    }

    @Test func aRedeliveryOfAnEntryStillHeldOrFinishingIsNotTakenIn() {
        var state = EventConsumerState()
        let first = state.hold([Self.delivery("1-0")])
        #expect(first.count == 1)
        let again = state.hold([Self.delivery("1-0", count: 2)])
        #expect(again.isEmpty, "held: already being dealt with")

        let key = Self.delivery("1-0").key
        state.finish(key)
        #expect(state.heldIDsByStream().isEmpty, "finishing entries are no longer renewed")
        let reclaimed = state.hold([Self.delivery("1-0", count: 2)])
        #expect(reclaimed.isEmpty, "reclaimed mid-acknowledgement: not handled again")
        state.finished(key)
        let retry = state.hold([Self.delivery("1-0", count: 3)])
        #expect(retry.count == 1, "after a failed acknowledgement the retry is taken in")
    }

    @Test func aForgottenEntryCanBeTakenInAgainForItsRetry() {
        var state = EventConsumerState()
        _ = state.hold([Self.delivery("2-0")])
        let started = state.start(Self.delivery("2-0").key)
        #expect(started)
        state.forget(Self.delivery("2-0").key)
        let startedAgain = state.start(Self.delivery("2-0").key)
        #expect(!startedAgain, "no longer held")
        let retry = state.hold([Self.delivery("2-0", count: 2)])
        #expect(retry.count == 1)
    }
}
