import Contracts
import Foundation
import Hummingbird
import Testing

@testable import Gateway

/// Which paths the direct proxy path may take (`DirectProxyRoutes`): only a proxied route that is the one match of
/// the whole table, on plain segments. Everything else is the router's.
@Suite struct DirectProxyRoutesTests {
    static let routes = DirectProxyRoutes(routes: RouteTable.all) { service in
        Upstream(name: service.processName, service: service, baseURL: URL(string: "http://127.0.0.1:1")!)
    }

    /// The route's path with every `{parameter}` filled in.
    static func concrete(_ route: RouteDescriptor) -> String {
        route.path.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            segment.hasPrefix("{") ? Substring(UUID().lowercasedString) : segment
        }.joined(separator: "/")
    }

    @Test func everyProxiedRouteIsTakenForItsOwnPathsAndNoGatewayRouteIs() throws {
        for route in RouteTable.all {
            let method = try #require(HTTPRequest.Method(route.method.rawValue))
            let match = Self.routes.match(method: method, path: Self.concrete(route) + "?limit=5")
            if route.service == .gateway {
                #expect(match == nil, "\(route) is the gateway's own route")
            } else {
                #expect(match?.route == route, "\(route)")
                #expect(match?.upstream.service == route.service)
            }
        }
    }

    @Test func pathsTheRouterShouldDecideAreNotTaken() {
        let id = UUID().lowercasedString
        for path in [
            "/api/v1/projects/\(id)/",  // trailing slash
            "/api/v1/projects//claim",  // empty segment
            "/api/v1/projects/../projects",  // dot segments
            "/api/v1/projects/%61bc",  // percent-encoding
            "api/v1/projects",  // not absolute
            "/api/v1/projects/\(id)/unknown",  // no such route
            "/api/v1/projects/sagas/lock",  // both `/sagas/{sagaId}` and `/{id}/lock`: the router knows
        ] {
            #expect(Self.routes.match(method: .get, path: path) == nil, "\(path)")
        }
        #expect(Self.routes.match(method: .put, path: "/api/v1/projects/\(id)") == nil)  // a 405 is the router's
        #expect(Self.routes.match(method: .get, path: "/api/v1/projects/\(id)")?.route.operationId == "projects.findById")
        #expect(Self.routes.match(method: .post, path: "/api/v1/projects/with-analysis")?.route.operationId == "projects.createWithAnalysis")
    }
}
