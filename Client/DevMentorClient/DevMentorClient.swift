import AsyncHTTPClient
import Contracts

/// The DevMentor fleet's Swift SDK: the Contracts service protocols implemented over HTTP against a base URL —
/// the gateway, or one service directly. Errors arrive as the same `AppError`s the in-process services throw.
///
/// A value type: copies share the `HTTPClient` (and so its connection pool) and differ only in settings such as
/// the request id, which makes `withRequestID(_:)` cheap for tagging one call chain.
public struct DevMentorClient: Sendable {
    public static let defaultRequestTimeout: Duration = .seconds(10)
    public static let defaultMaxResponseBytes = 10 * 1024 * 1024

    var transport: HTTPTransport

    /// - Parameters:
    ///   - baseURL: e.g. `http://127.0.0.1:8080`; routes such as `/api/v1/auth/login` are appended to it.
    ///   - httpClient: the client whose connection pool every request uses; its owner shuts it down.
    ///   - requestTimeout: the budget of one request, from sending it to the last byte of the answer.
    ///   - maxResponseBytes: answers larger than this are refused rather than buffered.
    ///   - requestID: sent as `X-Request-ID` with every request, so the fleet's logs can be searched for it.
    public init(
        baseURL: String,
        httpClient: HTTPClient = .shared,
        requestTimeout: Duration = defaultRequestTimeout,
        maxResponseBytes: Int = defaultMaxResponseBytes,
        requestID: String? = nil
    ) {
        transport = HTTPTransport(
            baseURL: baseURL, httpClient: httpClient, timeout: requestTimeout,
            maxResponseBytes: maxResponseBytes, requestID: requestID
        )
    }

    public var baseURL: String { transport.baseURL }
    public var httpClient: HTTPClient { transport.httpClient }
    public var requestTimeout: Duration { transport.timeout }
    public var maxResponseBytes: Int { transport.maxResponseBytes }

    public var requestID: String? {
        get { transport.requestID }
        set { transport.requestID = newValue }
    }

    /// A copy that sends `requestID` as `X-Request-ID` (or none, for nil).
    public func withRequestID(_ requestID: String?) -> DevMentorClient {
        var copy = self
        copy.requestID = requestID
        return copy
    }
}
