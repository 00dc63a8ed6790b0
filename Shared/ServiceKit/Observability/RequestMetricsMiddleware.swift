import Dispatch
import HTTPTypes
import Hummingbird
import Metrics
import Synchronization

/// Per-route request metrics with the names and dimensions of Hummingbird's `MetricsMiddleware` (`hb_requests`,
/// `hb_request_errors`, `http_server_request_duration`, `http_server_active_requests`), recorded when the answer's
/// head is ready rather than after its body is written.
///
/// Why not Hummingbird's: it wraps every response body in a closure to time the body's end, which turns a one-buffer
/// answer into a streamed one — head, body and end then go out in three writes instead of one (measured with strace
/// on the gateway: two extra syscalls per proxied answer). Time to the head is also the more useful latency for
/// Server-Sent Events, whose bodies last as long as the client stays.
public struct RequestMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    private let cache = RequestMetricsCache()

    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = DispatchTime.now().uptimeNanoseconds
        let active = cache.active(request.method)
        active.increment()
        defer { active.decrement() }
        do {
            let response = try await next(request, context)
            let metrics = cache.endpoint(context.endpointPath ?? "Unknown", request.method, response.status)
            metrics.requests.increment()
            metrics.duration.recordNanoseconds(DispatchTime.now().uptimeNanoseconds - start)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status ?? .internalServerError
            let metrics = cache.endpoint(context.endpointPath ?? "NotFound", request.method, status)
            metrics.requests.increment()
            metrics.errors.increment()
            throw error
        }
    }
}

/// The metric handles, made once per route, method and status (a metrics backend lookup per request costs more).
/// Also used by the gateway's direct proxy path, which answers below the router with the same metrics.
public final class RequestMetricsCache: Sendable {
    struct Endpoint: Hashable, Sendable {
        let route: String
        let method: HTTPRequest.Method
        let status: Int
    }

    struct EndpointMetrics: Sendable {
        let requests: Counter
        let duration: Timer
        let errors: Counter

        init(_ id: Endpoint) {
            let dimensions = [
                ("http.route", id.route), ("http.request.method", id.method.rawValue), ("http.response.status_code", String(id.status)),
            ]
            requests = Counter(label: "hb.requests", dimensions: dimensions)
            duration = Timer(label: "http.server.request.duration", dimensions: dimensions, preferredDisplayUnit: .seconds)
            errors = Counter(label: "hb.request.errors", dimensions: [
                ("http.route", id.route), ("http.request.method", id.method.rawValue), ("error.type", String(id.status)),
            ])
        }
    }

    private let endpoints = Mutex<[Endpoint: EndpointMetrics]>([:])
    private let meters = Mutex<[HTTPRequest.Method: Meter]>([:])

    public init() {}

    /// One answered request of `route` (its path as the route table spells it), timed from `start`
    /// (`DispatchTime.now().uptimeNanoseconds` when it arrived), as the middleware records an answer it returned.
    public func recordAnswer(route: String, method: HTTPRequest.Method, status: HTTPResponse.Status, start: UInt64) {
        let metrics = endpoint(route, method, status)
        metrics.requests.increment()
        metrics.duration.recordNanoseconds(DispatchTime.now().uptimeNanoseconds - start)
    }

    func endpoint(_ route: String, _ method: HTTPRequest.Method, _ status: HTTPResponse.Status) -> EndpointMetrics {
        let id = Endpoint(route: route, method: method, status: status.code)
        return endpoints.withLock { table in
            if let metrics = table[id] { return metrics }
            let metrics = EndpointMetrics(id)
            table[id] = metrics
            return metrics
        }
    }

    public func active(_ method: HTTPRequest.Method) -> Meter {
        meters.withLock { table in
            if let meter = table[method] { return meter }
            let meter = Meter(label: "http.server.active_requests", dimensions: [("http.request.method", method.rawValue)])
            table[method] = meter
            return meter
        }
    }
}
