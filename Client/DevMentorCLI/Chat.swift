import ArgumentParser
import Contracts
import DevMentorClient
import Foundation

/// `devmentor chat`: a conversation with the assistant. Each answer's tokens are printed as they stream in;
/// Ctrl-C stops an answer, an empty line or end of input ends the chat.
struct Chat: AsyncParsableCommand, JSONOutputCommand {
    static let configuration = CommandConfiguration(
        abstract: "Chat with the assistant (one-shot with --message), its answers streamed as they are written.",
        discussion: "With --json each exchange prints as the API's JSON: {\"conversationId\", \"message\": {role, content}}."
    )

    @ParentCommand var root: DevMentor
    @OptionGroup var output: OutputOptions

    @Option(help: "Send this one message, print the answer and exit.")
    var message: String?

    @Option(help: "Continue this conversation instead of starting one.", transform: ArgumentParsing.uuid)
    var conversation: UUID?

    /// One exchange under --json.
    struct Exchange: Codable, Sendable {
        var conversationId: UUID
        var message: ChatMessage
    }

    func run() async throws {
        let session = try Session.load()
        var root = self.root
        root.timeout = max(root.timeout, Analyze.minimumTimeout)
        let json = output.json
        let oneShot = message
        let existing = conversation
        try await root.withClient { client in
            let conversationId: UUID
            if let existing {
                conversationId = existing
            } else {
                conversationId = try await session.run(client) { try await client.startConversation(caller: $0) }.id
            }
            if let oneShot {
                try await Self.exchange(oneShot, in: conversationId, session: session, client: client, json: json)
                return
            }
            Terminal.note("Conversation \(Format.id(conversationId)). Type a message; an empty line or Ctrl-D ends, Ctrl-C stops an answer.")
            while true {
                Terminal.err("> ")
                guard let line = Terminal.readLine(), !line.trimmingCharacters(in: .whitespaces).isEmpty else { break }
                do {
                    try await Interrupt.run {
                        try await Self.exchange(line, in: conversationId, session: session, client: client, json: json)
                    }
                } catch is Interrupted {
                    Terminal.note("\n(answer stopped)")
                } catch let error as AppError where ExitStatus.of(error) != ExitStatus.unauthenticated {
                    // One refused message (too long, rate limited…) need not end the conversation.
                    Terminal.note("error: " + ErrorText.describe(error))
                }
            }
        }
    }

    /// Sends `text`, then prints the answer's tokens as they stream; under --json prints the whole answer instead.
    private static func exchange(_ text: String, in conversationId: UUID, session: Session, client: DevMentorClient, json: Bool) async throws {
        let request = SendMessageRequest(content: text)
        let answer = try await Progress.run("Thinking…") {
            try await session.run(client) { try await client.sendMessage(conversationId, request, caller: $0) }
        }
        if json {
            try Output.jsonLine(Exchange(conversationId: conversationId, message: answer.message))
            return
        }
        let stream = try await session.run(client) { try await client.streamResponse(conversationId, caller: $0) }
        var streamed = false
        for try await event in stream {
            switch event {
            case .token(let token):
                Terminal.out(token)
                streamed = true
            case .done:
                break
            }
        }
        // A stream that carried nothing (an answer not kept for streaming) still shows the answer itself.
        if !streamed { Terminal.out(answer.message.content) }
        Terminal.out("\n")
    }
}
