import Foundation

/// A route path split into literal and `{parameter}` segments, and matched against concrete paths.
public struct PathPattern: Sendable, Hashable {
    public enum Segment: Sendable, Hashable {
        case literal(String)
        case parameter(String)

        var isLiteral: Bool {
            if case .literal = self { return true }
            return false
        }
    }

    public var segments: [Segment]

    public init(_ path: String) {
        segments = PathPattern.split(path).map { piece in
            if piece.hasPrefix("{"), piece.hasSuffix("}"), piece.count > 2 {
                return .parameter(String(piece.dropFirst().dropLast()))
            }
            return .literal(piece)
        }
    }

    /// The parameters of `path` when it matches, percent-decoded; nil otherwise. A parameter never matches an empty
    /// segment, and the query string and a trailing slash are ignored.
    public func match(_ path: String) -> [String: String]? {
        let pieces = PathPattern.split(path)
        guard pieces.count == segments.count else { return nil }
        var parameters: [String: String] = [:]
        for (segment, piece) in zip(segments, pieces) {
            switch segment {
            case .literal(let literal):
                guard literal == piece else { return nil }
            case .parameter(let name):
                guard !piece.isEmpty else { return nil }
                parameters[name] = piece.removingPercentEncoding ?? piece
            }
        }
        return parameters
    }

    /// Whether this pattern is more specific than `other`: at the first position where one has a literal and the
    /// other a parameter, the literal wins (`/projects/sagas/{sagaId}` over `/projects/{id}/lock`).
    public func isMoreSpecific(than other: PathPattern) -> Bool {
        for (mine, theirs) in zip(segments, other.segments) where mine.isLiteral != theirs.isLiteral {
            return mine.isLiteral
        }
        return false
    }

    /// The segments of a path without its query string; `/a/b/` and `/a/b` are the same path.
    static func split(_ path: String) -> [String] {
        var path = Substring(path)
        if let query = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<query] }
        if path.hasPrefix("/") { path = path.dropFirst() }
        if path.hasSuffix("/") { path = path.dropLast() }
        if path.isEmpty { return [] }
        return path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    }
}
