import AsyncHTTPClient
import Contracts
import Foundation
import NIOCore

/// The request/decode core every service conformance of `DevMentorClient` goes through, so each conformance is a
/// list of routes: build the request (bearer token, request id, JSON body), run it under one deadline with a capped
/// body, and turn every failure into the `AppError` the in-process service would have thrown.
struct HTTPTransport: Sendable {
    enum Method: String, Sendable {
        case GET, POST, PUT, PATCH, DELETE
    }

    /// An answer with its body collected, whatever its status.
    struct Response: Sendable {
        var method: Method
        var url: String
        var status: Int
        var reason: String
        var body: ByteBuffer

        var isSuccess: Bool { (200..<300).contains(status) }
        var data: Data { Data(body.readableBytesView) }
    }

    let baseURL: String
    let httpClient: HTTPClient
    let timeout: Duration
    let maxResponseBytes: Int
    var requestID: String?

    init(baseURL: String, httpClient: HTTPClient, timeout: Duration, maxResponseBytes: Int, requestID: String?) {
        // Routes are appended as "/api/…", so a trailing slash on the base would double it.
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        self.httpClient = httpClient
        self.timeout = timeout
        self.maxResponseBytes = maxResponseBytes
        self.requestID = requestID
    }

    // MARK: Calls

    /// Runs a request that must succeed and decodes its JSON answer.
    func fetch<Result: Decodable>(
        _ method: Method,
        _ path: String,
        query: [(String, String)] = [],
        headers: [(String, String)] = [],
        caller: Caller? = nil,
        body: (any Encodable)? = nil,
        as type: Result.Type = Result.self
    ) async throws -> Result {
        let response = try await exchange(method, path, query: query, headers: headers, caller: caller, body: body)
        return try decode(type, from: checked(response))
    }

    /// Runs a request that must succeed and whose body (204, 202) carries nothing the caller needs.
    func send(
        _ method: Method,
        _ path: String,
        query: [(String, String)] = [],
        headers: [(String, String)] = [],
        caller: Caller? = nil,
        body: (any Encodable)? = nil
    ) async throws {
        let response = try await exchange(method, path, query: query, headers: headers, caller: caller, body: body)
        _ = try checked(response)
    }

    /// Runs a request and returns its answer whatever the status; transport failures already are `AppError`s.
    /// For the few routes whose non-2xx answers still carry a result (the 503 of `/health`).
    func exchange(
        _ method: Method,
        _ path: String,
        query: [(String, String)] = [],
        headers: [(String, String)] = [],
        caller: Caller? = nil,
        body: (any Encodable)? = nil
    ) async throws -> Response {
        let url = try makeURL(path, query: query)
        let request = try makeRequest(method, url: url, headers: headers, caller: caller, body: body)
        // AsyncHTTPClient's deadline stops applying once the response head is in, so the body gets the rest of
        // the same budget from a clock of our own.
        let deadline = ContinuousClock.now + timeout
        do {
            let response = try await httpClient.execute(request, deadline: .now() + TimeAmount(timeout))
            let body = try await collect(response.body, before: deadline, method: method, url: url)
            return Response(
                method: method, url: url, status: Int(response.status.code), reason: response.status.reasonPhrase, body: body
            )
        } catch {
            throw transportError(error, method: method, url: url)
        }
    }

    /// Opens a request whose answer is a stream (`text/event-stream`): the head must arrive within the timeout and
    /// say 2xx (else its error body is read and thrown); the body is then the caller's to read for as long as it runs.
    func openStream(_ method: Method, _ path: String, headers: [(String, String)] = [], caller: Caller? = nil) async throws -> HTTPClientResponse.Body {
        let url = try makeURL(path, query: [])
        var request = try makeRequest(method, url: url, headers: headers, caller: caller, body: nil)
        request.headers.replaceOrAdd(name: "Accept", value: "text/event-stream")
        let deadline = ContinuousClock.now + timeout
        do {
            let response = try await httpClient.execute(request, deadline: .now() + TimeAmount(timeout))
            guard (200..<300).contains(Int(response.status.code)) else {
                let body = try await collect(response.body, before: deadline, method: method, url: url)
                throw appError(for: Response(method: method, url: url, status: Int(response.status.code), reason: response.status.reasonPhrase, body: body))
            }
            return response.body
        } catch {
            throw transportError(error, method: method, url: url)
        }
    }

    // MARK: Answers

    /// The response itself when its status is 2xx, else the error it carries.
    func checked(_ response: Response) throws(AppError) -> Response {
        guard response.isSuccess else { throw appError(for: response) }
        return response
    }

    func decode<Result: Decodable>(_ type: Result.Type, from response: Response) throws(AppError) -> Result {
        do {
            return try JSONCoding.makeDecoder().decode(type, from: response.data)
        } catch {
            throw AppError(
                .internal,
                "\(response.method.rawValue) \(response.url) answered HTTP \(response.status) with a body that is not a \(type): \(error)"
            )
        }
    }

    /// The fleet's error body decoded back into the `AppError` the service threw, so callers catch the same error
    /// over HTTP as in process. A body that is not one (a proxy's HTML page, an empty 502) still gets a code
    /// that says whether retrying makes sense.
    func appError(for response: Response) -> AppError {
        if let body = try? JSONCoding.makeDecoder().decode(ErrorBody.self, from: response.data) {
            return body.appError
        }
        let code: ErrorCode =
            switch response.status {
            case 503: .serviceUnavailable
            case 504: .upstreamTimeout
            default: .internal
            }
        var message = "\(response.method.rawValue) \(response.url) answered HTTP \(response.status) \(response.reason)"
        let excerpt = String(decoding: response.data.prefix(200), as: UTF8.self)
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
        message += excerpt.isEmpty ? " with an empty body." : ": \(excerpt)"
        return AppError(code, message)
    }

    // MARK: Building requests

    /// Percent-encodes one path segment (a memory key, a name) so `/`, `?` or `#` in it cannot change the route.
    static func segment(_ raw: String) -> String {
        raw.addingPercentEncoding(withAllowedCharacters: unreserved) ?? raw
    }

    /// RFC 3986 unreserved characters; everything else in a segment or query value is escaped.
    private static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"
    )

    private func makeURL(_ path: String, query: [(String, String)]) throws(AppError) -> String {
        // Checked here rather than left to AsyncHTTPClient, whose answer to a typo would read as a network failure.
        guard let components = URLComponents(string: baseURL), let scheme = components.scheme,
            ["http", "https", "http+unix", "https+unix"].contains(scheme.lowercased()),
            let host = components.host, !host.isEmpty
        else {
            throw AppError.validation("url", "\(baseURL) is not a usable base URL; expected e.g. http://127.0.0.1:8080.")
        }
        guard !query.isEmpty else { return baseURL + path }
        let pairs = query.map { "\(Self.segment($0.0))=\(Self.segment($0.1))" }
        return baseURL + path + "?" + pairs.joined(separator: "&")
    }

    private func makeRequest(
        _ method: Method, url: String, headers: [(String, String)], caller: Caller?, body: (any Encodable)?
    ) throws(AppError) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: url)
        request.method = .init(rawValue: method.rawValue)
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "User-Agent", value: "DevMentorClient")
        if let caller {
            // Over HTTP the server derives the identity from the token alone, so a caller without one cannot be sent;
            // failing here gives the same 401 the server would, without the round trip.
            guard let token = caller.bearerToken, !token.isEmpty else {
                throw AppError(.unauthorized, "The caller carries no bearer token; log in first.")
            }
            request.headers.add(name: "Authorization", value: "Bearer \(token)")
        }
        if let requestID { request.headers.add(name: "X-Request-ID", value: requestID) }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body {
            let data: Data
            do {
                data = try JSONCoding.makeEncoder().encode(body)
            } catch {
                throw AppError(.validationFailed, "The request body for \(method.rawValue) \(url) cannot be encoded: \(error)")
            }
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: data))
        }
        return request
    }

    // MARK: Failures

    /// Collects at most `maxResponseBytes` of the body, giving up at `deadline` so a server that sends its head and
    /// then stalls cannot hang the caller.
    private func collect(
        _ body: HTTPClientResponse.Body, before deadline: ContinuousClock.Instant, method: Method, url: String
    ) async throws -> ByteBuffer {
        let limit = maxResponseBytes
        return try await withThrowingTaskGroup(of: ByteBuffer?.self) { group in
            group.addTask { try await body.collect(upTo: limit) }
            group.addTask {
                try await Task.sleep(until: deadline, clock: .continuous)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let collected = first else {
                throw timeoutError(method: method, url: url)
            }
            return collected
        }
    }

    private func timeoutError(method: Method, url: String) -> AppError {
        AppError(.upstreamTimeout, "\(method.rawValue) \(url) got no complete answer within \(timeout).")
    }

    /// Maps what AsyncHTTPClient and NIO throw onto the fleet's codes: a timeout is 504-like, an answer over the
    /// cap is our refusal, anything else means the server could not be reached (503-like, worth retrying).
    private func transportError(_ error: any Error, method: Method, url: String) -> any Error {
        if error is CancellationError || Task.isCancelled { return CancellationError() }
        if let error = error as? AppError { return error }
        if let error = error as? HTTPClientError, error == .deadlineExceeded || error == .readTimeout {
            return timeoutError(method: method, url: url)
        }
        if error is NIOTooManyBytesError {
            return AppError(.internal, "The answer to \(method.rawValue) \(url) exceeds the \(maxResponseBytes)-byte response cap.")
        }
        return AppError(.serviceUnavailable, "\(method.rawValue) \(url) could not be completed: \(error)")
    }
}
