import Contracts
import HTTPTypes

/// Which requests the direct proxy path may take, by method and path: the route table's proxied routes, matched
/// segment by segment. A path is taken only when exactly one route of the whole table (the gateway's own routes
/// included) matches it and its segments are plain — no empty segment, no `.`/`..`, no percent-encoding — so the
/// direct path never has to guess what the router would have decided; everything else goes to the router.
struct DirectProxyRoutes: Sendable {
    struct Entry: Sendable {
        let route: RouteDescriptor
        /// Nil for the gateway's own routes: a path matching one of them is the router's.
        let upstream: Upstream?
        /// The route's path segments; nil where the route has a `{parameter}`.
        let segments: [String?]
    }

    private let byMethod: [HTTPRequest.Method: [Entry]]

    init(routes: [RouteDescriptor], upstream: (ServiceName) -> Upstream?) {
        var byMethod: [HTTPRequest.Method: [Entry]] = [:]
        for route in routes {
            guard let method = HTTPRequest.Method(route.method.rawValue) else { continue }
            let segments = route.path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map { segment -> String? in
                segment.hasPrefix("{") && segment.hasSuffix("}") ? nil : String(segment)
            }
            let target = route.service == .gateway ? nil : upstream(route.service)
            byMethod[method, default: []].append(Entry(route: route, upstream: target, segments: segments))
        }
        self.byMethod = byMethod
    }

    /// The proxied route `path` (with or without a query) reaches by `method`, and its upstream; nil when the router
    /// should decide.
    func match(method: HTTPRequest.Method, path: String) -> (route: RouteDescriptor, upstream: Upstream)? {
        guard let entries = byMethod[method] else { return nil }
        let bytes = path.utf8
        let end = bytes.firstIndex(of: UInt8(ascii: "?")) ?? bytes.endIndex
        guard bytes.first == UInt8(ascii: "/") else { return nil }
        let segments = path[bytes.index(after: bytes.startIndex)..<end].split(separator: "/", omittingEmptySubsequences: false)
        for segment in segments where !Self.isPlain(segment) { return nil }
        var found: Entry?
        for entry in entries where entry.segments.count == segments.count {
            var matches = true
            for (pattern, segment) in zip(entry.segments, segments) {
                if let pattern, pattern != segment {
                    matches = false
                    break
                }
            }
            guard matches else { continue }
            guard found == nil else { return nil }  // two routes match (a literal and a parameter): the router knows
            found = entry
        }
        guard let found, let upstream = found.upstream else { return nil }
        return (found.route, upstream)
    }

    /// Letters, digits and `-_~` (and a `.` that is not the whole segment): what ids and route names are made of.
    static func isPlain(_ segment: Substring) -> Bool {
        guard !segment.isEmpty, segment != ".", segment != ".." else { return false }
        return segment.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == 0x2D || byte == 0x5F || byte == 0x7E || byte == 0x2E
        }
    }
}
