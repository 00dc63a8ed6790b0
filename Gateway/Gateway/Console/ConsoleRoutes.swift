import Contracts
import Foundation
import HTTPTypes
import Hummingbird
import ServiceKit

/// Serves the console: its files under `/console/…` and, for every client-side route, the one page shell
/// (`index.html`), so a deep link such as `/projects/{id}` works on reload. Public (the page logs in through the API),
/// not in the route table (they are not API routes), and every answer carries the page's security headers.
struct ConsoleRoutes: Sendable {
    let files: ConsoleFiles

    /// The console's client-side routes; each answers with `index.html` (`:id` must be a UUID, else 404).
    static let pages = ["/", "/login", "/register", "/projects", "/projects/:id", "/analysis", "/learning", "/memory"]

    /// What a browser may do with the console's pages: scripts, styles and connections from this origin only, no
    /// inline script or style (so an injected `<script>` or `style=` does nothing), no framing, no plugins, no
    /// `<base>`, forms to this origin.
    static let contentSecurityPolicy = [
        "default-src 'none'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "font-src 'self'",
        "connect-src 'self'", "manifest-src 'self'", "form-action 'self'", "base-uri 'none'", "frame-ancestors 'none'",
        "object-src 'none'",
    ].joined(separator: "; ")

    static let securityHeaders: HTTPFields = [
        HTTPField.Name("Content-Security-Policy")!: contentSecurityPolicy,
        HTTPField.Name("X-Content-Type-Options")!: "nosniff",
        HTTPField.Name("Referrer-Policy")!: "no-referrer",
        HTTPField.Name("X-Frame-Options")!: "DENY",
        HTTPField.Name("Cross-Origin-Opener-Policy")!: "same-origin",
        HTTPField.Name("Permissions-Policy")!: "camera=(), microphone=(), geolocation=()",
    ]

    func register(on router: Router<AppRequestContext>) {
        for page in Self.pages {
            router.get(RouterPath(page)) { request, context in
                if context.parameters.get("id") != nil {
                    guard let id = context.parameters.get("id"), UUID(uuidString: id) != nil else {
                        throw AppError.notFound("The page")
                    }
                }
                guard let index = files.index else { throw AppError.notFound("The page") }
                return Self.respond(with: index, to: request)
            }
        }
        router.get("/console/**") { request, context in
            let name = context.parameters.getCatchAll().joined(separator: "/")
            // The raw path must be exactly `/console/<name>`: whatever the router decoded or collapsed (`%2e%2e`, `%00`,
            // `//`), only a request that names a file literally is served.
            guard request.uri.path == "/console/" + name, let asset = files.asset(named: name) else { throw AppError.notFound("The file") }
            return Self.respond(with: asset, to: request)
        }
    }

    /// 200 with the file, or 304 when `If-None-Match` names its ETag. Always revalidated (`no-cache`): the file names
    /// carry no version, so a browser must ask, and the ETag makes asking cheap.
    static func respond(with asset: ConsoleFiles.Asset, to request: Request) -> Response {
        var headers = securityHeaders
        headers[.eTag] = asset.eTag
        headers[.cacheControl] = "no-cache"
        if let tags = request.headers[.ifNoneMatch], matches(tags, asset.eTag) {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentType] = asset.contentType
        headers[.contentLength] = String(asset.body.readableBytes)
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: asset.body))
    }

    /// `If-None-Match`: `*`, or a list of (possibly weak) tags; weak comparison, as RFC 9110 asks for this header.
    static func matches(_ header: String, _ eTag: String) -> Bool {
        header.split(separator: ",").contains { candidate in
            var tag = candidate.trimmingCharacters(in: .whitespaces)
            if tag == "*" { return true }
            if tag.hasPrefix("W/") { tag.removeFirst(2) }
            return tag == eTag
        }
    }
}
