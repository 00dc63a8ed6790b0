import Foundation

/// One `RouteDescriptor` as an OpenAPI operation object: identity, parameters, request body, responses, security.
enum OperationBuilder {
    /// The name of the security scheme of `components/securitySchemes`.
    static let bearerScheme = "bearerAuth"

    static func operation(for route: RouteDescriptor) -> JSONValue {
        var operation: [String: JSONValue] = [
            "operationId": .string(route.operationId),
            "summary": .string(route.summary),
            "tags": .array([.string(route.service.rawValue)]),
            "responses": ResponseBuilder.responses(for: route),
            "security": security(for: route.access),
            // Who may call it, for tools that want more than the security requirement says (admin needs a role).
            "x-access": .string(route.access.rawValue),
        ]
        if route.access == .admin {
            operation["description"] = .string("Admin only: the bearer token must carry the `admin` role, else 403 `FORBIDDEN`.")
        }
        let parameters = pathParameters(of: route) + route.parameters.map(parameter)
        if !parameters.isEmpty { operation["parameters"] = .array(parameters) }
        if let body = route.requestBody {
            operation["requestBody"] = .object([
                // Always required: a route that has defaults for every field (a claim) takes `{}` for them.
                "required": .bool(true),
                "content": .object([
                    RouteDescriptor.Response.jsonContentType: .object(["schema": SchemaCatalog.schema(forTypeName: body).json]),
                ]),
            ])
        }
        return .object(operation)
    }

    /// Public routes override any default with an empty requirement; the others need the bearer token.
    static func security(for access: RouteDescriptor.Access) -> JSONValue {
        switch access {
        case .public: .array([])
        case .authenticated, .admin: .array([.object([bearerScheme: .array([])])])
        }
    }

    /// The `{name}` placeholders of the path, always required strings.
    static func pathParameters(of route: RouteDescriptor) -> [JSONValue] {
        route.pathParameters.map { name in
            .object([
                "name": .string(name),
                "in": .string("path"),
                "required": .bool(true),
                "schema": pathParameterSchema(name).json,
            ])
        }
    }

    /// Ids (`id`, `sagaId`, `userId`) are UUIDs; a memory `key` has the length `MemoryRules` allows; anything else
    /// (a breaker's `name`) is a plain string.
    static func pathParameterSchema(_ name: String) -> OpenAPISchema {
        if name == "id" || name.hasSuffix("Id") { return .uuid }
        if name == "key" { return .string.length(MemoryRules.keyLength) }
        return .string
    }

    static func parameter(_ parameter: RouteDescriptor.Parameter) -> JSONValue {
        .object([
            "name": .string(parameter.name),
            "in": .string(parameter.location.rawValue),
            "required": .bool(parameter.required),
            "description": .string(parameter.summary),
            "schema": parameterSchema(parameter.name).json,
        ])
    }

    /// A descriptor says where a query or header parameter goes but not its type; the typed ones are named here,
    /// with the limits of the code that parses them.
    static func parameterSchema(_ name: String) -> OpenAPISchema {
        switch name {
        case "limit":
            .integer.range(PageRequest.limitRange).defaulting(.number(Double(PageRequest.defaultLimit)))
        case "cursor":
            .string.length(1...PageRequest.maxCursorLength)
        case ProjectHeaders.claimToken:
            .uuid
        default:
            .string
        }
    }
}
