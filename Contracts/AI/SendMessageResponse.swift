import Foundation

/// `POST /api/v1/ai/conversations/{id}/messages` → `{message: {role: "assistant", content}}`.
public struct SendMessageResponse: Codable, Sendable, Equatable {
    public var message: ChatMessage

    public init(message: ChatMessage) { self.message = message }
}
