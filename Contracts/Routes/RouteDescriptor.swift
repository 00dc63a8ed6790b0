import Foundation

/// One route of the public API: enough for the gateway to route and authorize a request and for an OpenAPI 3.1
/// generator to describe it. Type names are the Swift names of the DTOs in this library (`TypeName.of`).
public struct RouteDescriptor: Sendable, Hashable, CustomStringConvertible {
    /// Nested rather than top level: `HTTPMethod` is also a NIOHTTP1 type that gateway and client files import.
    public enum Method: String, Codable, Sendable, CaseIterable {
        case get = "GET"
        case post = "POST"
        case put = "PUT"
        case patch = "PATCH"
        case delete = "DELETE"
    }

    /// Who may call the route.
    public enum Access: String, Codable, Sendable, CaseIterable {
        /// No token needed.
        case `public`
        /// A valid bearer token.
        case authenticated
        /// A valid bearer token carrying the `admin` role; others get 403 `FORBIDDEN`.
        case admin
    }

    /// Which of the gateway's budgets a request to the route is charged to (docs/gateway.md, "Rate limits").
    public enum RateLimit: String, Codable, Sendable, CaseIterable {
        /// Not limited: health and metrics, which probes and scrapers call on a schedule.
        case none
        /// Per user when the request carries a valid token, else per client IP.
        case standard
        /// Per client IP with the stricter credentials budget: login and registration (credential stuffing,
        /// sign-up floods).
        case credentials
    }

    /// A query or header parameter (path parameters are the `{name}` placeholders of `path`).
    public struct Parameter: Sendable, Hashable {
        public enum Location: String, Codable, Sendable {
            case query
            case header
        }

        public var name: String
        public var location: Location
        public var required: Bool
        public var summary: String

        public init(name: String, location: Location, required: Bool, summary: String) {
            self.name = name
            self.location = location
            self.required = required
            self.summary = summary
        }

        public static func query(_ name: String, _ summary: String) -> Parameter {
            Parameter(name: name, location: .query, required: false, summary: summary)
        }

        public static func header(_ name: String, required: Bool, _ summary: String) -> Parameter {
            Parameter(name: name, location: .header, required: required, summary: summary)
        }
    }

    /// The success answer.
    public struct Response: Sendable, Hashable {
        public static let jsonContentType = "application/json"
        public static let eventStreamContentType = "text/event-stream"
        public static let prometheusContentType = "text/plain; version=0.0.4"

        public var status: Int
        /// The DTO of the body (for an event stream: of each event's data); nil for no body or a non-JSON one.
        public var body: String?
        /// nil for no body.
        public var contentType: String?
        /// A WebSocket route: the DTO of the messages the client sends (`body` is the DTO of those it receives).
        public var clientMessages: String?

        public init(status: Int, body: String?, contentType: String?, clientMessages: String? = nil) {
            self.status = status
            self.body = body
            self.contentType = contentType
            self.clientMessages = clientMessages
        }

        /// 101 Switching Protocols to a WebSocket whose JSON text frames are `Received` (server → client) and `Sent`
        /// (client → server).
        public static func webSocket<Received, Sent>(receives: Received.Type, sends: Sent.Type) -> Response {
            Response(status: 101, body: TypeName.of(receives), contentType: nil, clientMessages: TypeName.of(sends))
        }

        public static func json<T>(_ status: Int, _ type: T.Type) -> Response {
            Response(status: status, body: TypeName.of(type), contentType: jsonContentType)
        }

        public static func jsonArray<T>(_ status: Int, of type: T.Type) -> Response {
            Response(status: status, body: TypeName.array(of: type), contentType: jsonContentType)
        }

        public static func eventStream<T>(of type: T.Type) -> Response {
            Response(status: 200, body: TypeName.of(type), contentType: eventStreamContentType)
        }

        public static func empty(_ status: Int) -> Response {
            Response(status: status, body: nil, contentType: nil)
        }
    }

    public var method: Method
    /// The full path as the gateway sees it, with `{name}` placeholders, e.g. `/api/v1/projects/{id}/claim`.
    public var path: String
    /// The service that answers it; `gateway` for the gateway's own routes.
    public var service: ServiceName
    public var access: Access
    /// The budget requests are charged to. Every request that fails authentication is also charged to its client
    /// IP's failed-authentication budget, whatever the route.
    public var rateLimit: RateLimit
    /// True for the event feeds (`/api/v1/events`, `/api/v1/ws`) only: a one-time ticket in `?ticket=` may stand in
    /// for the bearer token, because browsers cannot set `Authorization` on `EventSource`/`WebSocket`.
    public var acceptsTicket: Bool
    /// Unique, stable name of the operation (OpenAPI `operationId`): `<service>.<protocol method>`.
    public var operationId: String
    public var summary: String
    /// The DTO of the request body, nil when the route takes none.
    public var requestBody: String?
    /// False when the body may be left out altogether (every field has a default, as a claim's `{ttlSeconds?}`).
    public var requestBodyRequired: Bool
    public var response: Response
    /// The errors particular to this route. The conventions of docs/api.md add more to every route: see `allErrors`.
    public var errors: [ErrorCode]
    public var parameters: [Parameter]

    public init(
        method: Method,
        path: String,
        service: ServiceName,
        access: Access,
        rateLimit: RateLimit = .standard,
        acceptsTicket: Bool = false,
        operationId: String,
        summary: String,
        requestBody: String? = nil,
        requestBodyRequired: Bool = true,
        response: Response,
        errors: [ErrorCode] = [],
        parameters: [Parameter] = []
    ) {
        self.method = method
        self.path = path
        self.service = service
        self.access = access
        self.rateLimit = rateLimit
        self.acceptsTicket = acceptsTicket
        self.operationId = operationId
        self.summary = summary
        self.requestBody = requestBody
        self.requestBodyRequired = requestBodyRequired
        self.response = response
        self.errors = errors
        self.parameters = parameters
    }

    /// The names of the `{name}` placeholders of `path`, in order.
    public var pathParameters: [String] {
        PathPattern(path).segments.compactMap {
            if case .parameter(let name) = $0 { return name }
            return nil
        }
    }

    /// `errors` plus what docs/api.md's conventions add: 400/413 for input, 401 for token problems, 403 for admin
    /// routes, 429 from the rate limiter, 503/504 for routes the gateway proxies. In `ErrorCode.allCases` order.
    public var allErrors: [ErrorCode] {
        var codes = Set(errors)
        if rateLimit != .none || access != .public { codes.insert(.rateLimited) }
        if requestBody != nil || !pathParameters.isEmpty || parameters.contains(where: { $0.location == .query }) {
            codes.insert(.validationFailed)
        }
        if requestBody != nil { codes.insert(.payloadTooLarge) }
        // A route with an id in its path answers 404 for an id that does not exist or is not the caller's.
        if !pathParameters.isEmpty { codes.insert(.notFound) }
        if access != .public { codes.formUnion([.unauthorized, .tokenExpired, .tokenRevoked]) }
        if access == .admin { codes.insert(.forbidden) }
        if service != .gateway { codes.formUnion([.serviceUnavailable, .upstreamTimeout]) }
        return ErrorCode.allCases.filter(codes.contains)
    }

    public var description: String { "\(method.rawValue) \(path)" }
}
