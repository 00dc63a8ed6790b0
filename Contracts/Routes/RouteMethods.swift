import Foundation

/// The methods some routes answer for a path: what a server needs to answer 405 with `Allow` for a known path and
/// 404 for an unknown one. Built once per server from the routes it serves (`RouteTable.routes(of:)`), so a
/// service never claims another service's paths.
public struct RouteMethods: Sendable {
    private let patterns: [(pattern: PathPattern, method: RouteDescriptor.Method)]

    public init(_ routes: [RouteDescriptor]) {
        patterns = routes.map { (PathPattern($0.path), $0.method) }
    }

    /// In `RouteDescriptor.Method.allCases` order; empty when no route has this path.
    /// Among the matching patterns only the most specific count: `/projects/with-analysis` is that resource (POST),
    /// not a project id, though `/projects/{id}` matches it too.
    public func allowedMethods(path: String) -> [RouteDescriptor.Method] {
        let matching = patterns.filter { $0.pattern.match(path) != nil }
        let best = matching.filter { candidate in !matching.contains { $0.pattern.isMoreSpecific(than: candidate.pattern) } }
        let methods = Set(best.map(\.method))
        return RouteDescriptor.Method.allCases.filter(methods.contains)
    }
}
