import AIGateway
import Contracts
import DevMentorClient
import Foundation
import Redis
import Testing
import TestSupport

/// Conversations with only the local provider: answers built from the code in the conversation, kept privately and
/// boundedly in Redis, streamed as `token` events then one `done`.
@Suite("Conversations")
struct ConversationTests {
    @Test func theLocalAnswerIsAboutTheCodeInTheConversation() async throws {
        try await AIFixture.run { fixture in
            let user = try await fixture.signIn()
            let client = fixture.throughGateway
            let conversation = try await client.startConversation(caller: user.caller)
            let answer = try await client.sendMessage(
                conversation.id, SendMessageRequest(content: "Is this safe?\n```python\n\(Samples.python)\n```"), caller: user.caller
            )
            #expect(answer.message.role == .assistant)
            #expect(answer.message.content.contains("python"))
            // Built from the analysis: it names a line of the code it was given.
            #expect(answer.message.content.contains("line "))

            let other = try await client.sendMessage(
                conversation.id, SendMessageRequest(content: "And this one?\n```swift\n\(Samples.swift)\n```"), caller: user.caller
            )
            #expect(other.message.content.contains("swift"))
            #expect(other.message.content != answer.message.content)
        }
    }

    @Test func theStreamDeliversTheLatestAnswerAsTokensThenDone() async throws {
        try await AIFixture.run { fixture in
            let user = try await fixture.signIn()
            let client = fixture.throughGateway
            let conversation = try await client.startConversation(caller: user.caller)

            var empty: [StreamEvent] = []
            for try await event in try await client.streamResponse(conversation.id, caller: user.caller) { empty.append(event) }
            #expect(empty == [.done(tokens: 0)])

            let sent = try await client.sendMessage(conversation.id, SendMessageRequest(content: "```go\nfunc main() {}\n```"), caller: user.caller)
            var events: [StreamEvent] = []
            for try await event in try await client.streamResponse(conversation.id, caller: user.caller) { events.append(event) }
            let tokens = events.compactMap { if case .token(let text) = $0 { text } else { nil } }
            #expect(tokens.count > 1)
            #expect(events.last == .done(tokens: tokens.count))
            #expect(tokens.joined() == sent.message.content)
        }
    }

    @Test func conversationsArePrivateBoundedAndExpire() async throws {
        try await AIFixture.run(maxConversationMessages: 4) { fixture in
            let ada = try await fixture.signIn("ada")
            let bob = try await fixture.signIn("bob")
            let client = fixture.throughGateway
            let conversation = try await client.startConversation(caller: ada.caller)
            await expectAppError(.notFound) { _ = try await client.sendMessage(conversation.id, SendMessageRequest(content: "hi"), caller: bob.caller) }
            await expectAppError(.notFound) { _ = try await client.streamResponse(conversation.id, caller: bob.caller) }
            await expectAppError(.notFound) { _ = try await client.sendMessage(UUID(), SendMessageRequest(content: "hi"), caller: ada.caller) }
            for index in 1...3 {
                _ = try await client.sendMessage(conversation.id, SendMessageRequest(content: "question \(index)"), caller: ada.caller)
            }
            try await TestRedis.with { redis in
                let key = AIKeys.conversationMessages(conversation.id)
                #expect(try await redis.send("LLEN", [.string(key)]).int == 4)
                let ttl = try await redis.send("PTTL", [.string(key)]).int ?? -1
                #expect(ttl > 0)
                #expect((try await redis.send("PTTL", [.string(AIKeys.conversation(conversation.id))]).int ?? -1) > 0)
            }
            let kept = try await fixture.core.conversations.messages(conversation.id)
            #expect(kept.first?.content == "question 2")
        }
    }
}
