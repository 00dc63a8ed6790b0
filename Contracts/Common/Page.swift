import Foundation

/// One page of a cursor-paginated list: `{"items": […], "nextCursor": "…"|null}`.
/// `nextCursor` is null on the last page; it is always written (as `null` then) so clients in any language
/// can rely on the key being there.
public struct Page<Item: Codable & Sendable & Equatable>: Codable, Sendable, Equatable {
    public var items: [Item]
    public var nextCursor: String?

    public init(items: [Item], nextCursor: String? = nil) {
        self.items = items
        self.nextCursor = nextCursor
    }

    private enum CodingKeys: String, CodingKey {
        case items, nextCursor
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(items, forKey: .items)
        try container.encode(nextCursor, forKey: .nextCursor)
    }
}

extension Page: JSONTextWritable where Item: JSONTextWritable {
    public func writeJSON(to out: inout JSONTextWriter) {
        out.raw("{")
        out.key("items", first: true)
        out.array(items)
        out.key("nextCursor")
        out.string(nextCursor)
        out.raw("}")
    }
}
