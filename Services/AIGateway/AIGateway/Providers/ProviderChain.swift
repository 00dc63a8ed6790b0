import CodeAnalysis
import Contracts
import Foundation
import Logging
import ServiceKit

/// The model providers in fallback order: the configured remote ones by priority, each behind its breaker, then the
/// local provider. A call goes to the first remote whose breaker lets it through; a failure (error, timeout, an
/// answer outside its protocol) counts against that provider's breaker and passes the call on; an open breaker is
/// skipped without a call. When no remote answers, the local provider does, so callers always get an answer.
public struct ProviderChain: Sendable {
    public let remotes: [GuardedProvider]
    public let local: LocalProvider
    let logger: Logger

    public init(remotes: [GuardedProvider], local: LocalProvider, logger: Logger) {
        self.remotes = remotes.sorted { $0.priority < $1.priority }
        self.local = local
        self.logger = logger
    }

    /// Shown last, after every remote.
    public var localPriority: Int { (remotes.map(\.priority).max() ?? 0) + 1 }

    public func statuses() -> [ProviderStatus] {
        remotes.map(\.status) + [ProviderStatus(name: LocalProvider.name, state: .closed, priority: localPriority, healthy: true)]
    }

    /// An answer and who gave it.
    public struct Answer: Sendable, Equatable {
        public var text: String
        public var provider: String
    }

    public func answer(_ messages: [ChatMessage], system: String) async throws -> Answer {
        let prompt = ModelPrompt(system: system, messages: messages)
        for provider in remotes {
            guard let result = await provider.attempt({ _ in try await provider.remote.complete(prompt) }) else { continue }
            switch result {
            case .success(let text) where !text.isEmpty: return Answer(text: text, provider: provider.name)
            case .success: logger.info("model provider answered nothing", metadata: ["provider": "\(provider.name)"])
            case .failure(let error):
                if error is CancellationError { throw error }
                logger.warning("model provider failed", metadata: ["provider": "\(provider.name)", "error": "\(error)"])
            }
        }
        return Answer(text: try await local.answer(messages), provider: LocalProvider.name)
    }

    /// Streams an answer: every piece goes to `onToken` as the provider produces it. A provider that fails before
    /// its first piece passes the call on; one that fails after it ends the answer there (what was sent cannot be
    /// taken back), and the answer says so.
    public func streamAnswer(
        _ messages: [ChatMessage], system: String, onToken: @escaping @Sendable (String) async throws -> Void
    ) async throws -> Answer {
        let prompt = ModelPrompt(system: system, messages: messages)
        for provider in remotes {
            let collected = Locked("")
            let result = await provider.attempt { firstByte in
                try await provider.remote.stream(prompt) { token in
                    firstByte()
                    collected.withLock { $0 += token }
                    try await onToken(token)
                }
            }
            guard let result else { continue }
            let text = collected.withLock { $0 }
            switch result {
            case .success: if !text.isEmpty { return Answer(text: text, provider: provider.name) }
            case .failure(let error):
                if error is CancellationError { throw error }
                logger.warning("model provider stream failed", metadata: ["provider": "\(provider.name)", "error": "\(error)"])
                if !text.isEmpty {
                    let note = " [the answer broke off: \(provider.name) failed]"
                    try await onToken(note)
                    return Answer(text: text + note, provider: provider.name)
                }
            }
        }
        let text = try await local.answer(messages)
        for token in LocalProvider.tokens(of: text) { try await onToken(token) }
        return Answer(text: text, provider: LocalProvider.name)
    }

    /// Suggestions from the first remote whose answer reads as a JSON array of suggestions, else the local ones.
    public func suggestions(code: String, language: SourceLanguage, goal: String?) async throws -> [Suggestion] {
        if !remotes.isEmpty {
            let prompt = ModelPrompt(system: Self.suggestionsInstruction, messages: [
                ChatMessage(role: .user, content: "Goal: \(goal ?? "overall quality")\n```\(language.rawValue)\n\(code)\n```"),
            ])
            for provider in remotes {
                guard let result = await provider.attempt({ _ in try await provider.remote.complete(prompt) }) else { continue }
                switch result {
                case .success(let text):
                    if let suggestions = Self.parseSuggestions(text), !suggestions.isEmpty { return suggestions }
                    logger.info("model provider's suggestions are not a JSON array", metadata: ["provider": "\(provider.name)"])
                case .failure(let error):
                    if error is CancellationError { throw error }
                    logger.warning("model provider failed", metadata: ["provider": "\(provider.name)", "error": "\(error)"])
                }
            }
        }
        return try await local.suggestions(code: code, language: language, goal: goal)
    }

    static let suggestionsInstruction = """
        You review code for a developer. Answer only with a JSON array, most urgent first, of objects \
        {"title": string, "detail": string, "priority": "low"|"medium"|"high", "line": number or null}.
        """

    /// The JSON array in a model's text (models like to wrap it in prose or a fence), as suggestions; nil when there
    /// is none.
    static func parseSuggestions(_ text: String) -> [Suggestion]? {
        guard let start = text.firstIndex(of: "["), let end = text.lastIndex(of: "]"), start < end else { return nil }
        struct Loose: Decodable {
            var title: String
            var detail: String?
            var priority: String?
            var line: Int?
        }
        guard let items = try? SharedCoders.decoder.decode([Loose].self, from: Data(text[start...end].utf8)) else { return nil }
        return items.compactMap { item in
            let title = item.title.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !title.isEmpty else { return nil }
            return Suggestion(
                title: title, detail: item.detail ?? "", priority: item.priority.flatMap { Priority(rawValue: $0.lowercased()) } ?? .medium,
                line: item.line.flatMap { $0 >= 1 ? $0 : nil }
            )
        }
    }
}
