import Contracts

/// What a model provider is asked: a system instruction and the conversation so far (the last message is the
/// user's). The code the conversation is about travels inside the messages.
public struct ModelPrompt: Sendable, Equatable {
    public var system: String
    public var messages: [ChatMessage]

    public init(system: String, messages: [ChatMessage]) {
        self.system = system
        self.messages = messages
    }

    /// The messages with the system instruction first, as both chat protocols take them.
    public var chat: [ChatMessage] { [ChatMessage(role: .system, content: system)] + messages }

    /// One text for completion endpoints (`/api/generate`): the turns one after the other.
    public var text: String {
        messages.map { "\($0.role.rawValue): \($0.content)" }.joined(separator: "\n\n")
    }
}
