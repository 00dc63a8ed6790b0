import Contracts
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import NIOHTTP1
import Resilience
import ServiceKit

/// Forwards a request to an upstream and streams the answer back, behind that upstream's circuit breaker.
///
/// Hop-by-hop headers are dropped both ways; the request id, X-Forwarded-* and identity headers are set; upstream
/// error bodies pass through unchanged. A connection that cannot be made is a 503 SERVICE_UNAVAILABLE, an answer
/// that does not come in time a 504 UPSTREAM_TIMEOUT, an open breaker a 503 with `Retry-After` at once — the
/// upstream is not called. Idempotent requests whose connection failed are retried once, within a retry budget
/// shared by all requests to that upstream, so retries cannot multiply the load on a struggling service.
struct ReverseProxy: Sendable {
    let connections: UpstreamConnectionPool
    let readTimeout: TimeAmount
    let breakers: CircuitBreakerRegistry
    let retryBudgets: RetryBudgets
    let metrics: UpstreamMetrics

    static let idempotentMethods: Set<HTTPRequest.Method> = [.get, .head, .put, .delete, .options]

    func forward(_ request: Request, context: AppRequestContext, to upstream: Upstream) async throws -> Response {
        // The body is read whole only up to the 1 MiB cap, so an oversized one is refused before the upstream sees it.
        var body = ByteBuffer()
        // A trickling (slowloris) body is cut off by the connection's `RequestBodyDeadlineHandler`: the read throws 408.
        if Self.announcesBody(request) {
            body = try await request.body.collect(upTo: HTTPLimits.maxBodyBytes)
        }

        let outbound = HTTPRequestHead(
            version: .http1_1, method: HTTPMethod(rawValue: request.method.rawValue),
            uri: upstream.target(forPath: request.uri.description),
            headers: Self.upstreamHeaders(
                request.headers, authority: request.head.authority, bodyLength: body.readableBytes, upstream: upstream,
                caller: context.caller, requestId: context.requestId, peer: context.remoteAddress?.ipAddress
            )
        )

        let breaker = breakers.breaker(named: upstream.service.rawValue)
        let policy = Self.idempotentMethods.contains(request.method) ? Self.retryPolicy : .none
        let response: UpstreamResponse
        do {
            response = try await retry(
                policy: policy, budget: retryBudgets.budget(for: upstream.service.rawValue),
                isRetryable: { $0 is Unreachable }
            ) {
                try await attempt(outbound, body: body, through: breaker, to: upstream, context: context)
            }
        } catch let unreachable as Unreachable {
            context.logger.warning("upstream unreachable", metadata: ["upstream": "\(upstream.name)", "error": "\(unreachable.error)"])
            throw Self.unavailable(upstream)
        }
        return relay(response)
    }

    /// The answer when `upstream` could not be reached (503, retry after a second).
    static func unavailable(_ upstream: Upstream) -> AppError {
        AppError(
            .serviceUnavailable, "The \(upstream.name) service is not available right now.",
            details: ["service": .string(upstream.name), "retryAfter": .number(1)]
        )
    }

    /// The answer when `upstream` did not answer within the read timeout (504).
    static func timedOut(_ upstream: Upstream) -> AppError {
        AppError(.upstreamTimeout, "The \(upstream.name) service did not answer in time.", details: ["service": .string(upstream.name)])
    }

    /// What an answer says about the upstream's health. 500, 503 and 504 are failures; a 502 is the service
    /// reporting that a dependency of its own failed (the saga's `SAGA_FAILED`), which says nothing about the service
    /// itself, so it is ignored — else failing analyses would open the breaker of every projects route.
    static func outcome(ofStatus status: Int) -> CallOutcome {
        switch status {
        case 502: .ignored
        case 500...: .failure
        default: .success
        }
    }

    /// One retry, after up to 50 ms (full jitter), for idempotent requests whose connection failed — within the budget.
    static let retryPolicy = RetryPolicy(maxAttempts: 2, backoff: Backoff(base: .milliseconds(50), cap: .milliseconds(50)))

    /// A connection that could not be made or broke before an answer: the one failure worth retrying.
    struct Unreachable: Error {
        let error: any Error
    }

    /// One call behind the breaker: an open breaker is a 503 at once, a late answer a 504, anything else that
    /// fails `Unreachable`; an answer is returned whatever its status (5xx counts as a failure for the breaker).
    private func attempt(
        _ outbound: HTTPRequestHead, body: ByteBuffer, through breaker: CircuitBreaker, to upstream: Upstream, context: AppRequestContext
    ) async throws -> UpstreamResponse {
        let permission: CircuitBreakerPermission
        do {
            permission = try breaker.acquirePermission()
        } catch {
            metrics.rejectedByBreaker(upstream)
            throw AppError(
                .serviceUnavailable, "The \(upstream.name) service is failing; its circuit is open. Retry later.",
                details: ["service": .string(upstream.name), "retryAfter": .number(Double(error.retryAfterSeconds))]
            )
        }
        let started = ContinuousClock.now
        do {
            let response = try await connections.execute(
                outbound, body: body, to: upstream, on: context.eventLoop, timeout: readTimeout
            )
            let elapsed = ContinuousClock.now - started
            breaker.record(Self.outcome(ofStatus: Int(response.head.status.code)), for: permission, duration: elapsed)
            metrics.answered(upstream, status: Int(response.head.status.code), duration: elapsed)
            return response
        } catch UpstreamCallError.readTimeout {
            breaker.record(.failure, for: permission, duration: ContinuousClock.now - started)
            metrics.failed(upstream, reason: "timeout")
            throw Self.timedOut(upstream)
        } catch is CancellationError {
            breaker.record(.ignored, for: permission)
            throw CancellationError()
        } catch {
            breaker.record(.failure, for: permission, duration: ContinuousClock.now - started)
            metrics.failed(upstream, reason: "unreachable")
            context.logger.debug("upstream call failed", metadata: ["upstream": "\(upstream.name)", "error": "\(error)"])
            throw Unreachable(error: error)
        }
    }

    /// HTTP/1.1 carries a body only with Content-Length (non-zero) or Transfer-Encoding.
    static func announcesBody(_ request: Request) -> Bool {
        if let length = request.headers[.contentLength] { return length != "0" }
        return request.headers[.transferEncoding] != nil
    }

    /// The answer for the client: the upstream's status, headers (hop-by-hop ones dropped) and body — a small answer
    /// whole, so it goes out with its head in one write; any other streamed as it arrives (SSE, chunked, large).
    private func relay(_ response: UpstreamResponse) -> Response {
        let (status, headers) = Self.clientHead(of: response.head)
        switch response.body {
        case .whole(let body):
            return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: body))
        case .stream(let stream):
            return Response(status: status, headers: headers, body: ResponseBody(asyncSequence: stream))
        }
    }

    /// The status and headers the client gets from an upstream's answer: hop-by-hop headers dropped, and the
    /// upstream's `X-Request-ID` too — the gateway sets the one id of the exchange.
    static func clientHead(of head: HTTPResponseHead) -> (HTTPResponse.Status, HTTPFields) {
        var headers = HTTPFields()
        headers.reserveCapacity(head.headers.count)
        for header in head.headers {
            if let name = HTTPField.Name(header.name) { headers.append(HTTPField(name: name, value: header.value)) }
        }
        headers = HopByHopHeaders.removing(from: headers)
        headers[.xRequestID] = nil
        return (HTTPResponse.Status(code: Int(head.status.code), reasonPhrase: head.status.reasonPhrase), headers)
    }

    /// The headers an upstream gets: the client's minus hop-by-hop and identity headers, then the caller's identity
    /// (from the verified token only), the body's length, the request id, X-Forwarded-* and a `traceparent`.
    /// `peer` is the connection's address (appended to X-Forwarded-For).
    static func upstreamHeaders(
        _ requestHeaders: HTTPFields, authority: String?, bodyLength: Int, upstream: Upstream,
        caller: Caller?, requestId: String, peer: String?
    ) -> HTTPHeaders {
        var fields = HopByHopHeaders.removing(from: requestHeaders)
        // Identity headers come from the verified token only; whatever a client sent under those names is dropped.
        for name in IdentityHeaders.all { fields[name] = nil }
        if let caller {
            fields[IdentityHeaders.userId] = caller.userId.lowercasedString
            fields[IdentityHeaders.roles] = caller.roles.joined(separator: ",")
            if let session = caller.sessionId { fields[IdentityHeaders.sessionId] = session.lowercasedString }
        }
        let host = authority
        // The body was read whole (any chunking is gone): its length is what the upstream gets.
        fields[.contentLength] = bodyLength > 0 || requestHeaders[.contentLength] != nil ? String(bodyLength) : nil
        var headers = HTTPHeaders()
        headers.reserveCapacity(fields.count + 6)
        headers.add(name: "Host", value: upstream.address.hostHeader)
        for field in fields { headers.add(name: field.name.rawName, value: field.value) }

        headers.replaceOrAdd(name: "X-Request-ID", value: requestId)
        if let client = peer {
            let prior = headers["X-Forwarded-For"].joined(separator: ", ")
            headers.replaceOrAdd(name: "X-Forwarded-For", value: prior.isEmpty ? client : "\(prior), \(client)")
        }
        headers.replaceOrAdd(name: "X-Forwarded-Proto", value: "http")
        if !headers.contains(name: "traceparent") { headers.add(name: "traceparent", value: TraceParent.make()) }
        if let host { headers.replaceOrAdd(name: "X-Forwarded-Host", value: host) }
        return headers
    }
}
