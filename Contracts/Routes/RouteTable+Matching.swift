import Foundation

extension RouteTable {
    /// The route a concrete request path resolves to, with its path parameters (percent-decoded).
    /// Among routes of that method whose pattern matches, literal segments beat parameters at the first position
    /// where they differ, so `/api/v1/projects/with-analysis` is not `/{id}` and `/projects/sagas/lock` is a saga.
    public static func match(method: RouteDescriptor.Method, path: String) -> (RouteDescriptor, [String: String])? {
        var best: (route: CompiledRoute, parameters: [String: String])?
        for route in compiled where route.descriptor.method == method {
            guard let parameters = route.pattern.match(path) else { continue }
            if let current = best, !route.pattern.isMoreSpecific(than: current.route.pattern) { continue }
            best = (route, parameters)
        }
        return best.map { ($0.route.descriptor, $0.parameters) }
    }

    /// `match` for a method given as text (`"GET"`); an unknown method matches nothing.
    public static func match(method: String, path: String) -> (RouteDescriptor, [String: String])? {
        guard let method = RouteDescriptor.Method(rawValue: method.uppercased()) else { return nil }
        return match(method: method, path: path)
    }

    /// The methods some route answers for this path: empty means 404 `NOT_FOUND`, non-empty without the request's
    /// method means 405 `METHOD_NOT_ALLOWED` (with these in `Allow`).
    public static func allowedMethods(path: String) -> [RouteDescriptor.Method] {
        allMethods.allowedMethods(path: path)
    }

    static let allMethods = RouteMethods(all)

    struct CompiledRoute: Sendable {
        let descriptor: RouteDescriptor
        let pattern: PathPattern
    }

    /// Patterns are parsed once, not per request.
    static let compiled: [CompiledRoute] = all.map { CompiledRoute(descriptor: $0, pattern: PathPattern($0.path)) }
}
