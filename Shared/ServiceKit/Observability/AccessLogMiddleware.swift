import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// One log line per request with its outcome and duration; the request id comes from the logger's metadata.
public struct AccessLogMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext

    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        let elapsed = ContinuousClock.now - start
        let milliseconds = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
        Self.log(context.logger, method: request.method, path: request.uri.path, status: response.status, milliseconds: milliseconds)
        return response
    }

    /// The access-log line of one answered request; also written by the gateway's direct proxy path, which answers
    /// below the router (`extra` says so there).
    public static func log(
        _ logger: Logger, method: HTTPRequest.Method, path: String, status: HTTPResponse.Status, milliseconds: Double,
        extra: Logger.Metadata = [:]
    ) {
        var metadata: Logger.Metadata = ["duration_ms": .string(String(format: "%.2f", milliseconds))]
        metadata.merge(extra) { current, _ in current }
        logger.info("\(method) \(path) \(status.code)", metadata: metadata)
    }
}
