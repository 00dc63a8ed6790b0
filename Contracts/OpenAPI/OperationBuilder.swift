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
        let parameters = pathParameters(of: route) + route.parameters.map { parameter($0, of: route) }
        if !parameters.isEmpty { operation["parameters"] = .array(parameters) }
        if let body = route.requestBody {
            operation["requestBody"] = .object([
                "required": .bool(route.requestBodyRequired),
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

    /// Ids (`id`, `sagaId`, `userId`) are UUIDs; a memory `key` has the length and alphabet `MemoryRules` allows; anything else
    /// (a breaker's `name`) is a plain string.
    static func pathParameterSchema(_ name: String) -> OpenAPISchema {
        if name == "id" || name.hasSuffix("Id") { return .uuidInput }
        if name == "key" {
            return .string.length(MemoryRules.keyBytes).patterned(MemoryRules.keyRegex)
                .described("1–256 printable ASCII characters (0x21 to 0x7E) other than `%`, not `.` or `..`; percent-encoded in the path.")
        }
        return .string
    }

    static func parameter(_ parameter: RouteDescriptor.Parameter, of route: RouteDescriptor) -> JSONValue {
        .object([
            "name": .string(parameter.name),
            "in": .string(parameter.location.rawValue),
            "required": .bool(parameter.required),
            "description": .string(parameter.summary),
            "schema": parameterSchema(parameter.name, of: route).json,
        ])
    }

    /// A descriptor says where a query or header parameter goes but not its type; the typed ones are named here,
    /// with the limits of the code that parses them.
    static func parameterSchema(_ name: String, of route: RouteDescriptor) -> OpenAPISchema {
        if route.operationId == "memory.listKeys" {
            switch name {
            case "pattern":
                // Empty means `*`, as leaving it out does.
                return .string.maxLength(MemoryRules.patternBytes.upperBound).patterned("^$|" + MemoryRules.keyRegex)
                    .described("A glob over the caller's keys: `*`, `?`, `[abc]`, `\\` escapes; printable ASCII without spaces or `%`.")
            case "limit":
                return .integer.range(MemoryKeyListRequest.limitRange).defaulting(.number(Double(MemoryKeyListRequest.defaultLimit)))
            case "cursor":
                return .string.maxLength(MemoryKeyCursor.maxTokenLength).patterned(MemoryKeyCursor.pattern)
                    .described("`nextCursor` of the previous page: `v1.<scan cursor>.<matches already returned>`.")
            default:
                break
            }
        }
        return switch name {
        case "email":
            // `GET /api/v1/auth/users?email=`: the text rule auth checks before looking the address up.
            .text(AuthRules.email)
        case "limit":
            .integer.range(PageRequest.limitRange).defaulting(.number(Double(PageRequest.defaultLimit)))
        case "cursor":
            // Empty means the first page, as leaving it out does.
            .string.maxLength(PageRequest.maxCursorLength).patterned("^$|" + PageCursor.pattern)
                .described("`nextCursor` of the previous page: `v1.<unix seconds>.<id>`.")
        case ProjectHeaders.claimToken:
            .uuidInput
        case ProjectHeaders.ifMatch:
            .string.patterned(ProjectHeaders.ifMatchPattern).described("The project `version` the change is based on, e.g. `\"3\"`.")
        default:
            .string
        }
    }
}
