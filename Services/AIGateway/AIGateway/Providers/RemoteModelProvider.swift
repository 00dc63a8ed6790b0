/// A model behind HTTP (Ollama-compatible or OpenAI-compatible). Failures are thrown; the chain decides what they
/// mean for the breaker and whom to ask next.
public protocol RemoteModelProvider: Sendable {
    var name: String { get }
    /// The whole answer.
    func complete(_ prompt: ModelPrompt) async throws -> String
    /// The answer as the provider produces it, each piece handed to `onToken` as it arrives.
    func stream(_ prompt: ModelPrompt, onToken: @escaping @Sendable (String) async throws -> Void) async throws
}
