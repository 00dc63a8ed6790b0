import AIGateway
import Contracts
import DevMentorClient
import Foundation
import Resilience
import Synchronization
import Testing
import TestSupport

/// The provider chain against fake providers in the test process: fallback by priority, breakers that open, skip
/// while open and recover, timeouts, and streamed answers that reach the client as the provider produces them.
@Suite("Model providers")
struct ProviderTests {
    static func breaker(minimumCalls: Int = 2) -> CircuitBreakerConfiguration {
        CircuitBreakerConfiguration(
            slidingWindow: .seconds(60), windowBuckets: 6, failureRateThreshold: 0.5, minimumCalls: minimumCalls,
            slowCallDurationThreshold: .seconds(60), openDuration: .seconds(30), halfOpenProbes: 1, maxHalfOpenWait: .seconds(60)
        )
    }

    static func provider(
        _ name: String, _ kind: ProviderSettings.Dialect, url: String, priority: Int, timeout: Duration = .seconds(20)
    ) -> ProviderSettings {
        ProviderSettings(name: name, kind: kind, baseURL: url, model: "fake", apiKey: "test-key", priority: priority, timeout: timeout, breaker: breaker())
    }

    @Test func onlyLocalByDefault() async throws {
        try await AIFixture.run { fixture in
            let user = try await fixture.signIn()
            let providers = try await fixture.throughGateway.providers(caller: user.caller)
            #expect(providers == [ProviderStatus(name: "local", state: .closed, priority: 1, healthy: true)])
        }
    }

    @Test(arguments: [ProviderSettings.Dialect.ollama, .openai])
    func answersComeFromTheFirstHealthyProvider(_ dialect: ProviderSettings.Dialect) async throws {
        let server = FakeModelServer()
        try await server.run { url in
            try await AIFixture.run(providers: [Self.provider(dialect.rawValue, dialect, url: url, priority: 1)]) { fixture in
                let user = try await fixture.signIn()
                let client = fixture.throughGateway
                let conversation = try await client.startConversation(caller: user.caller)
                let answer = try await client.sendMessage(conversation.id, SendMessageRequest(content: "hello"), caller: user.caller)
                #expect(answer.message.content == server.answer)
                #expect(server.calls == 1)
                let statuses = try await client.providers(caller: user.caller)
                #expect(statuses.map(\.name) == [dialect.rawValue, "local"])
                #expect(statuses[0].healthy && statuses[0].state == .closed)
            }
        }
    }

    @Test func fallbackByPriorityThenBreakerOpensAndNoCallWhileOpenThenRecovery() async throws {
        let first = FakeModelServer(tokens: ["from ", "ollama"])
        let second = FakeModelServer(tokens: ["from ", "openai"])
        let clock = ManualClock()
        try await first.run { firstURL in
            try await second.run { secondURL in
                let providers = [
                    Self.provider("ollama", .ollama, url: firstURL, priority: 1),
                    Self.provider("openai", .openai, url: secondURL, priority: 2),
                ]
                try await AIFixture.run(providers: providers, clock: clock) { fixture in
                    let user = try await fixture.signIn()
                    let client = fixture.throughGateway
                    let conversation = try await client.startConversation(caller: user.caller)
                    func ask() async throws -> String {
                        try await client.sendMessage(conversation.id, SendMessageRequest(content: "why?"), caller: user.caller).message.content
                    }
                    #expect(try await ask() == "from ollama")

                    first.set(.fail)
                    #expect(try await ask() == "from openai")
                    #expect(try await ask() == "from openai")
                    // Two of three calls failed: the breaker is open.
                    let open = try await client.providers(caller: user.caller)
                    #expect(open[0] == ProviderStatus(name: "ollama", state: .open, priority: 1, healthy: false))
                    #expect(open[1].healthy)
                    let callsWhenOpened = first.calls
                    #expect(try await ask() == "from openai")
                    #expect(try await ask() == "from openai")
                    #expect(first.calls == callsWhenOpened)

                    // Both remote providers down: the local provider still answers, from the code (here: none).
                    second.set(.fail)
                    let local = try await ask()
                    #expect(local.contains("no code in this conversation"))

                    // After the open duration one probe goes through; it succeeds and the breaker closes.
                    first.set(.answer)
                    second.set(.answer)
                    clock.advance(by: .seconds(31))
                    #expect(try await ask() == "from ollama")
                    #expect(first.calls == callsWhenOpened + 1)
                    let closed = try await client.providers(caller: user.caller)
                    #expect(closed[0] == ProviderStatus(name: "ollama", state: .closed, priority: 1, healthy: true))

                    let metrics = try await fixture.send("GET", "/metrics", via: fixture.serviceURL)
                    #expect(metrics.body.contains("ai_provider_breaker_state"))
                }
            }
        }
    }

    @Test func aSlowProviderTimesOutAndTheChainMovesOn() async throws {
        let server = FakeModelServer()
        server.set(.slow(.seconds(5)))
        try await server.run { url in
            let providers = [Self.provider("ollama", .ollama, url: url, priority: 1, timeout: .milliseconds(300))]
            try await AIFixture.run(providers: providers) { fixture in
                let user = try await fixture.signIn()
                let client = fixture.throughGateway
                let conversation = try await client.startConversation(caller: user.caller)
                let answer = try await client.sendMessage(
                    conversation.id, SendMessageRequest(content: "```swift\n\(Samples.swift)\n```"), caller: user.caller
                )
                #expect(answer.message.content.hasPrefix("Your swift code"))
                #expect(try await client.providers(caller: user.caller)[0].healthy == false)
            }
        }
    }

    @Test func suggestionsFromAProviderOrFromTheLocalAnalysis() async throws {
        let server = FakeModelServer(tokens: ["Here: [{\"title\": \"Use a prepared statement\", \"detail\": \"Bind name.\", \"priority\": \"high\", \"line\": 4}]"])
        try await server.run { url in
            try await AIFixture.run(providers: [Self.provider("ollama", .ollama, url: url, priority: 1)]) { fixture in
                let user = try await fixture.signIn()
                let client = fixture.throughGateway
                let remote = try await client.generateSuggestions(SuggestionsRequest(code: Samples.python), caller: user.caller)
                #expect(remote == [Suggestion(title: "Use a prepared statement", detail: "Bind name.", priority: .high, line: 4)])
                server.set(.fail)
                let local = try await client.generateSuggestions(SuggestionsRequest(code: Samples.python, goal: "security"), caller: user.caller)
                #expect(!local.isEmpty)
                #expect(local.allSatisfy { !$0.title.isEmpty && !$0.detail.isEmpty })
            }
        }
    }

    /// The provider holds its stream after the first token until the client has it: the client can only get there
    /// if every hop (provider → AI gateway → gateway → client) passes tokens on as they come.
    @Test(arguments: [ProviderSettings.Dialect.ollama, .openai])
    func theClientHasTheFirstTokenBeforeTheProviderProducedTheLast(_ dialect: ProviderSettings.Dialect) async throws {
        let server = FakeModelServer(tokens: ["one ", "two ", "three ", "four"])
        try await server.run { url in
            try await AIFixture.run(providers: [Self.provider(dialect.rawValue, dialect, url: url, priority: 1)]) { fixture in
                let user = try await fixture.signIn()
                let client = fixture.throughGateway
                let conversation = try await client.startConversation(caller: user.caller)
                _ = try await client.sendMessage(conversation.id, SendMessageRequest(content: "count"), caller: user.caller)
                server.set(.gated)
                var tokens: [String] = []
                var done: Int?
                for try await event in try await client.streamResponse(conversation.id, caller: user.caller) {
                    switch event {
                    case .token(let text):
                        if tokens.isEmpty {
                            #expect(!server.producedLast)
                            server.release()
                        }
                        tokens.append(text)
                    case .done(let count):
                        done = count
                    }
                }
                #expect(tokens == ["one ", "two ", "three ", "four"])
                #expect(done == 4)
                #expect(server.producedLast)
            }
        }
    }
}
