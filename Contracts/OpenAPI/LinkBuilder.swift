import Foundation

/// OpenAPI links (3.1 §4.8.20) from the routes that create an id to the routes that use it, so a stateful client
/// (schemathesis' stateful phase, a generated SDK) can chain them: create a project, then claim it, patch it, read
/// its lock. Derived from the table, not written per route:
/// - a `201` answer of `POST /x` with an `id` links to every route under `/x/{param}` (`param` ← `$response.body#/id`);
/// - a `PUT /x/{key}` links to the other methods of the same path (`key` ← `$request.path.key`);
/// - the create-with-analysis saga links to its project and its saga record.
enum LinkBuilder {
    struct Link: Equatable {
        var name: String
        var operationId: String
        var parameters: [String: String]
    }

    static func links(for route: RouteDescriptor, in table: [RouteDescriptor] = RouteTable.all) -> [Link] {
        var links: [Link] = []
        if route.method == .post, route.response.status == 201 {
            for target in table where target.service == route.service && target.path.hasPrefix(route.path + "/{") {
                let parameter = PathPattern(target.path).segments.dropFirst(PathPattern(route.path).segments.count).first
                guard case .parameter(let name)? = parameter else { continue }
                links.append(Link(name: target.operationId, operationId: target.operationId, parameters: [name: "$response.body#/id"]))
            }
        }
        if route.method == .put, let name = route.pathParameters.last {
            for target in table where target.path == route.path && target.method != route.method {
                links.append(Link(name: target.operationId, operationId: target.operationId, parameters: [name: "$request.path.\(name)"]))
            }
        }
        if route.operationId == "projects.createWithAnalysis" {
            links.append(Link(name: "projects.saga", operationId: "projects.saga", parameters: ["sagaId": "$response.body#/sagaId"]))
            for target in table where target.service == .projects && target.path == "/api/v1/projects/{id}" {
                links.append(Link(name: target.operationId, operationId: target.operationId, parameters: ["id": "$response.body#/project/id"]))
            }
        }
        return links.filter { link in table.contains { $0.operationId == link.operationId } }
    }

    static func json(_ links: [Link]) -> JSONValue {
        .object(Dictionary(uniqueKeysWithValues: links.map { link in
            (link.name, JSONValue.object([
                "operationId": .string(link.operationId),
                "parameters": .object(link.parameters.mapValues(JSONValue.string)),
            ]))
        }))
    }
}
