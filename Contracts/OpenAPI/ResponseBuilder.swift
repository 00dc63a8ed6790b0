import Foundation

/// The `responses` of an operation: the route's success answer plus one entry per error status, and the response
/// headers docs/api.md puts on every answer (`components/headers`).
enum ResponseBuilder {
    static let requestIdHeader = "X-Request-ID"
    static let rateLimitHeaders = ["RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"]
    static let retryAfterHeader = "Retry-After"

    /// The shared header definitions the responses refer to.
    static let headerComponents: [String: JSONValue] = [
        requestIdHeader: header("The request's id: echoed from the request when it sent one, else generated.", type: "string"),
        "RateLimit-Limit": header("Requests allowed in the current window.", type: "integer"),
        "RateLimit-Remaining": header("Requests left in the current window.", type: "integer"),
        "RateLimit-Reset": header("Seconds until the window resets.", type: "integer"),
        retryAfterHeader: header("Seconds to wait before trying again.", type: "integer"),
    ]

    static func responses(for route: RouteDescriptor) -> JSONValue {
        var ok = success(route.response)
        let links = LinkBuilder.links(for: route)
        if !links.isEmpty, case .object(var fields) = ok {
            fields["links"] = LinkBuilder.json(links)
            ok = .object(fields)
        }
        var responses: [String: JSONValue] = [String(route.response.status): ok]
        // One entry per status: OpenAPI keys responses by status, and several codes can share one (400, 401, 409).
        let byStatus = Dictionary(grouping: route.allErrors, by: \.httpStatus)
        for (status, codes) in byStatus {
            responses[String(status)] = error(status: status, codes: codes)
        }
        return .object(responses)
    }

    static func success(_ response: RouteDescriptor.Response) -> JSONValue {
        var object: [String: JSONValue] = [
            "description": .string(reasonPhrase(response.status)),
            "headers": headers(for: response.status),
        ]
        if let contentType = response.contentType {
            object["content"] = .object([contentType: mediaType(contentType: contentType, body: response.body)])
        }
        // OpenAPI has no words for WebSocket frames; the extension names the DTO of each direction.
        if let sent = response.clientMessages, let received = response.body {
            object["x-websocket"] = .object([
                "serverMessages": SchemaCatalog.schema(forTypeName: received).json,
                "clientMessages": SchemaCatalog.schema(forTypeName: sent).json,
            ])
        }
        return .object(object)
    }

    /// JSON bodies refer to their DTO. An event stream is text whose frames each carry one DTO as `data:`, which
    /// OpenAPI 3.1 cannot say in a schema, so the DTO goes in the description and in `x-event-data`. A JSON body
    /// without a DTO (the document itself) is any JSON; anything else (Prometheus text) is a string.
    static func mediaType(contentType: String, body: String?) -> JSONValue {
        switch (contentType, body) {
        case (RouteDescriptor.Response.jsonContentType, let body?):
            return .object(["schema": SchemaCatalog.schema(forTypeName: body).json])
        case (RouteDescriptor.Response.jsonContentType, nil):
            return .object(["schema": .object([:])])
        case (RouteDescriptor.Response.eventStreamContentType, let body?):
            // OpenAPI 3.1 reads `schema` of an event stream as the schema of one event (its `event`, `id` and `data`
            // fields); the data is text holding the DTO as JSON, which `contentSchema` describes.
            let name = SchemaCatalog.componentName(forTypeName: body)
            return .object([
                "schema": .object([
                    "type": .string("object"),
                    "description": .string("One Server-Sent Event; its `data` is a `\(name)` as JSON."),
                    "properties": .object([
                        "event": .object(["type": .string("string"), "description": .string("The event type.")]),
                        "id": .object(["type": .string("string"), "description": .string("The stream entry id; send it back as `Last-Event-ID`.")]),
                        "data": .object([
                            "type": .string("string"),
                            "contentMediaType": .string("application/json"),
                            "contentSchema": SchemaCatalog.schema(forTypeName: body).json,
                        ]),
                        "retry": .object(["type": .string("integer")]),
                    ]),
                    "required": .array([.string("data")]),
                ]),
            ])
        default:
            return .object(["schema": .object(["type": .string("string")])])
        }
    }

    /// Every code of one status shares the error body; the description lists which codes can come.
    static func error(status: Int, codes: [ErrorCode]) -> JSONValue {
        let list = codes.map { "`\($0.rawValue)`" }.joined(separator: ", ")
        return .object([
            "description": .string("\(reasonPhrase(status)): \(list)"),
            "headers": headers(for: status),
            "content": .object([
                RouteDescriptor.Response.jsonContentType: .object(["schema": OpenAPISchema.ref(ErrorBody.self).json]),
            ]),
        ])
    }

    /// Every response carries the request id and the rate-limit state; 429 and 503 also say when to retry.
    static func headers(for status: Int) -> JSONValue {
        var names = [requestIdHeader] + rateLimitHeaders
        if status == 429 || status == 503 { names.append(retryAfterHeader) }
        return .object(Dictionary(uniqueKeysWithValues: names.map { ($0, .object(["$ref": .string("#/components/headers/\($0)")])) }))
    }

    static func header(_ description: String, type: String) -> JSONValue {
        .object(["description": .string(description), "schema": .object(["type": .string(type)])])
    }

    /// The statuses the route table uses; Foundation's own table needs FoundationNetworking on Linux.
    static func reasonPhrase(_ status: Int) -> String {
        switch status {
        case 101: "Switching Protocols"
        case 200: "OK"
        case 201: "Created"
        case 202: "Accepted"
        case 204: "No Content"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 409: "Conflict"
        case 412: "Precondition Failed"
        case 413: "Content Too Large"
        case 415: "Unsupported Media Type"
        case 423: "Locked"
        case 428: "Precondition Required"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        default: "HTTP \(status)"
        }
    }
}
