import Foundation

/// The OpenAPI 3.1 document of every route of the public API, served by the gateway at `/openapi.json`.
///
/// Generated, not written: paths and operations come from `RouteTable.all`, schemas from `SchemaCatalog`, so a route
/// added to the table is documented without touching this file, and the tests hold the catalog to the DTOs.
public enum OpenAPIDocument {
    public static let openAPIVersion = "3.1.0"
    public static let defaultServerURL = "http://127.0.0.1:8080"

    public static func make(serverURL: String = defaultServerURL, version: String) -> JSONValue {
        .object([
            "openapi": .string(openAPIVersion),
            "info": .object([
                "title": .string("DevMentor API"),
                "version": .string(version),
                "description": .string(overview),
            ]),
            "servers": .array([.object(["url": .string(serverURL)])]),
            "tags": .array(tags),
            "paths": paths,
            "components": .object([
                "schemas": .object(SchemaCatalog.components.mapValues(\.json)),
                "securitySchemes": .object([
                    OperationBuilder.bearerScheme: .object([
                        "type": .string("http"),
                        "scheme": .string("bearer"),
                        "bearerFormat": .string("JWT"),
                        "description": .string("The `accessToken` of `POST /api/v1/auth/login`."),
                    ]),
                ]),
                "headers": .object(ResponseBuilder.headerComponents),
            ]),
        ])
    }

    /// `make` as UTF-8 JSON with sorted keys, so the same table always gives the same bytes (cacheable, diffable).
    public static func json(serverURL: String = defaultServerURL, version: String) -> Data {
        do {
            return try JSONCoding.makeEncoder().encode(make(serverURL: serverURL, version: version))
        } catch {
            // Only a non-finite number fails to encode, and every number here is a limit from the code.
            preconditionFailure("The OpenAPI document did not encode: \(error)")
        }
    }

    /// One path item per distinct path, holding an operation per method.
    static var paths: JSONValue {
        var items: [String: [String: JSONValue]] = [:]
        for route in RouteTable.all {
            items[route.path, default: [:]][route.method.rawValue.lowercased()] = OperationBuilder.operation(for: route)
        }
        return .object(items.mapValues(JSONValue.object))
    }

    /// One tag per service, in the order the route table lists them.
    static var tags: [JSONValue] {
        var seen: [ServiceName] = []
        for route in RouteTable.all where !seen.contains(route.service) {
            seen.append(route.service)
        }
        return seen.map { .object(["name": .string($0.rawValue), "description": .string(tagDescription($0))]) }
    }

    static func tagDescription(_ service: ServiceName) -> String {
        switch service {
        case .gateway: "The gateway's own routes: health, metrics, keys, this document, breakers, the event stream."
        case .auth: "Users, tokens and sessions."
        case .projects: "Projects, their claims (locks with fencing tokens) and the create-with-analysis saga."
        case .ai: "Code analysis, suggestions, blackboards, conversations and model providers."
        case .learning: "Learning path, quizzes, recommendations and the learning actors."
        case .memory: "The caller's key-value store and embeddings."
        }
    }

    /// The conventions of every route, which the per-operation entries do not repeat.
    static let overview = """
        Every route is reached through the gateway. JSON uses camelCase keys, ISO-8601 UTC timestamps and UUID \
        strings as ids. Every error has the body `ErrorBody`; its `code` says what happened. Every response carries \
        `X-Request-ID` and the rate-limit headers. List endpoints use cursor pagination (`limit`, `cursor`, \
        `nextCursor`). Routes without the `bearerAuth` requirement are public.
        """
}
