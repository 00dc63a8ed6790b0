import CodeAnalysis
import Contracts

/// Finds the code a conversation is about: the last fenced block (```lang … ```) of the latest user message that has
/// one, else the latest multi-line user message whose language can be detected.
enum ConversationCode {
    static func latest(in messages: [ChatMessage]) -> (code: String, tag: String?)? {
        for message in messages.reversed() where message.role == .user {
            if let block = fencedBlocks(message.content).last { return block }
            if message.content.contains("\n"), SourceLanguage.detect(message.content) != nil { return (message.content, nil) }
        }
        return nil
    }

    static func fencedBlocks(_ text: String) -> [(code: String, tag: String?)] {
        var blocks: [(code: String, tag: String?)] = []
        var current: [Substring]?
        var tag: String?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("```") {
                if let lines = current {
                    blocks.append((code: lines.joined(separator: "\n"), tag: tag))
                    current = nil
                } else {
                    let info = trimmed.dropFirst(3).trimmingCharacters(in: .whitespaces)
                    tag = info.isEmpty ? nil : String(info.split(separator: " ").first ?? "")
                    current = []
                }
            } else if current != nil {
                current?.append(line)
            }
        }
        return blocks.filter { !$0.code.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
    }
}
