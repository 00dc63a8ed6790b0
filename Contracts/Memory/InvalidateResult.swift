import Foundation

/// `POST /api/v1/memory/invalidate` → `{deleted: n}`.
public struct InvalidateResult: Codable, Sendable, Equatable {
    public var deleted: Int

    public init(deleted: Int) { self.deleted = deleted }
}
