import Foundation

/// One element of `POST /api/v1/ai/suggestions`.
public struct Suggestion: Codable, Sendable, Equatable {
    public var title: String
    public var detail: String
    public var priority: Priority
    /// 1-based line the suggestion is about, when it is about one.
    public var line: Int?

    public init(title: String, detail: String, priority: Priority, line: Int? = nil) {
        self.title = title
        self.detail = detail
        self.priority = priority
        self.line = line
    }
}
