import Foundation

/// `docs/api.md`: the project's API reference in Markdown, generated from the route table like `/openapi.json`, so the
/// two never disagree (`APIReferenceTests` fails when the file in the repository is stale;
/// `swift run devmentor api-reference > docs/api.md` rewrites it).
public enum APIReference {
    public static func markdown() -> String {
        var text = conventions
        var service: ServiceName?
        for route in RouteTable.all {
            if route.service != service {
                service = route.service
                text += "\n## \(title(route.service))\n\n\(OpenAPIDocument.tagDescription(route.service))\n\n"
                text += "| method | path | access | limit | body | success | errors |\n|---|---|---|---|---|---|---|\n"
            }
            let errors = route.allErrors.map { "\($0.httpStatus) `\($0.rawValue)`" }.joined(separator: ", ")
            let success = route.response.body.map { "\(route.response.status) `\($0)`" } ?? "\(route.response.status)"
            let cells = [
                route.method.rawValue, "`\(route.path)`", route.access.rawValue, route.rateLimit.rawValue,
                route.requestBody.map { "`\($0)`" } ?? "", success, errors,
            ]
            text += "| " + cells.joined(separator: " | ") + " |\n"
        }
        text += errorTable
        return text
    }

    static func title(_ service: ServiceName) -> String {
        switch service {
        case .gateway: "Gateway"
        case .auth: "Auth — `/api/v1/auth`"
        case .projects: "Projects — `/api/v1/projects`"
        case .ai: "AI gateway — `/api/v1/ai`"
        case .learning: "Learning — `/api/v1/learning`"
        case .memory: "Memory — `/api/v1/memory`"
        }
    }

    static var errorTable: String {
        "\n## Error codes\n\n| code | status |\n|---|---|\n"
            + ErrorCode.allCases.map { "| `\($0.rawValue)` | \($0.httpStatus) |" }.joined(separator: "\n") + "\n"
    }

    static let conventions = """
        # DevMentor API reference

        Generated from `Contracts/Routes/RouteTable.swift` (run `swift run devmentor api-reference > docs/api.md`); the
        machine-readable form, with every schema, is `GET /openapi.json` on the gateway. Field-level rules (lengths,
        patterns, ranges) are in that document's schemas.

        ## Conventions of every route

        - **Base URL**: the gateway, `http://127.0.0.1:8080` by default. Every route below is reached through it.
        - **JSON**: camelCase keys, ISO-8601 UTC timestamps without fractions (`2026-01-31T12:00:00Z`).
        - **Ids** are UUIDs written in lower case everywhere — bodies, token `sub`/`sid`, Redis keys, events — and
          accepted in either case.
        - **Auth**: `Authorization: Bearer <accessToken>` on every route whose access is not `public`; `admin` routes
          also need the `admin` role (else 403 `FORBIDDEN`). Missing, malformed, forged, expired or revoked tokens:
          401 `UNAUTHORIZED` / `TOKEN_EXPIRED` / `TOKEN_REVOKED`.
        - **Errors** always have the body `{"error": {"code", "message", "requestId", "details"?}}`; `details.field`
          names the offending input of a 400.
        - **Bad input** — malformed JSON, wrong types, missing fields, out-of-range values, unknown enum values, ids
          that are not UUIDs, text with control characters (NUL included; tab and line breaks are allowed in
          multi-line fields: descriptions, code, messages), over-long text — is 400 `VALIDATION_FAILED`. Lengths count
          Unicode code points, as JSON Schema does. Bodies over 1 MiB: 413 `PAYLOAD_TOO_LARGE`. A body that does not
          arrive within the body timeout: 408 `REQUEST_TIMEOUT`.
        - **Unknown route**: 404 `NOT_FOUND`. **Known path, undeclared method**: 405 `METHOD_NOT_ALLOWED` with `Allow`.
        - **Request ids**: every answer carries `X-Request-ID` (echoed when sent, else generated); it is forwarded to
          the service and appears in its log lines.
        - **Rate limits** (the `limit` column): `standard` is per user for an authenticated request, else per client
          IP; `credentials` is the stricter per-IP budget of login and registration; `none` is not limited (probes).
          Every request whose authentication fails is also charged to its client IP's failed-authentication budget
          (`RATE_LIMIT_FAILED_AUTH`); once spent, requests from that address get 429 before their token is looked
          at. Over a limit: 429 `RATE_LIMITED` with `Retry-After`; limited answers carry `RateLimit-Limit`,
          `RateLimit-Remaining`, `RateLimit-Reset`. The client IP is the connection's peer, or behind a proxy listed
          in `TRUSTED_PROXIES` the rightmost untrusted `X-Forwarded-For` hop.
        - **Upstreams**: a service that is down or whose circuit is open: 503 `SERVICE_UNAVAILABLE` with `Retry-After`,
          at once; one that does not answer in time: 504 `UPSTREAM_TIMEOUT`.
        - **Lists**: `?limit=1..100&cursor=…` → `{"items": […], "nextCursor": "…"|null}`; a cursor is
          `v1.<unix seconds>.<id>` and an empty one means the first page.
        - **Projects**: `PATCH` needs `X-Claim-Token` of the caller's live claim (else 423 `RESOURCE_LOCKED` when
          someone else holds it, 428 `CLAIM_REQUIRED` when no one does) and may send `If-Match: "<version>"` (stale:
          412 `VERSION_CONFLICT`); a claim older than the current holder's: 409 `STALE_CLAIM`.

        """
}
