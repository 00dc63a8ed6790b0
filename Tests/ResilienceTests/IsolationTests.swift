import Resilience
import Testing

@Suite("Helpers on an actor")
struct IsolationTests {
    @Test("retry, bulkhead and breaker run actor-isolated operations")
    func actorIsolated() async throws {
        let client = IsolatedClient()
        #expect(try await client.fetch() == 3)
        #expect(await client.calls == 3)
        #expect(await client.breakerCalls == 3)
    }
}
