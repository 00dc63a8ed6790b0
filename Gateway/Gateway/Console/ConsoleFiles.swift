import Contracts
import Crypto
import Foundation
import NIOCore
import ServiceKit

/// The web console's static files (docs/console.md), read once at start into memory: HTML, CSS, JavaScript modules
/// and images from the gateway's resource folder `Resources/console` (or `CONSOLE_DIR`).
///
/// Only files found at start can ever be served, by an exact name: no request path reaches the file system, so
/// `..`, encoded dots or NULs cannot name a file outside the folder (`asset(named:)` also refuses them outright).
struct ConsoleFiles: Sendable {
    struct Asset: Sendable {
        let body: ByteBuffer
        let contentType: String
        /// A strong validator: the first 16 bytes of the file's SHA-256, hex, quoted.
        let eTag: String
    }

    /// Relative path (`app.js`, `pages/login.js`) → file.
    let assets: [String: Asset]

    static let indexName = "index.html"

    /// The shell every client-side route answers with (`/`, `/projects/{id}` …): the page decides what to show.
    var index: Asset? { assets[Self.indexName] }

    init(directory: URL) throws {
        var assets: [String: Asset] = [:]
        let root = directory.standardizedFileURL.resolvingSymlinksInPath()
        let base = root.path.hasSuffix("/") ? root.path : root.path + "/"
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else {
            throw ConfigError("CONSOLE_DIR", "\(root.path) cannot be read.")
        }
        for case let url as URL in walker {
            let file = url.standardizedFileURL.resolvingSymlinksInPath()
            guard (try? file.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true, file.path.hasPrefix(base) else { continue }
            let name = String(file.path.dropFirst(base.count))
            guard Self.isServableName(name), let type = Self.contentType(of: name) else { continue }
            let bytes = try Data(contentsOf: file)
            let digest = SHA256.hash(data: bytes).prefix(16).map { String(format: "%02x", $0) }.joined()
            assets[name] = Asset(body: ByteBuffer(bytes: bytes), contentType: type, eTag: "\"\(digest)\"")
        }
        guard assets[Self.indexName] != nil else { throw ConfigError("CONSOLE_DIR", "\(root.path) holds no \(Self.indexName).") }
        self.assets = assets
    }

    /// The folder shipped with the gateway, unless `CONSOLE_DIR` names another (a console being worked on).
    static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        if let path = environment["CONSOLE_DIR"], !path.isEmpty { return URL(fileURLWithPath: path, isDirectory: true) }
        return Bundle.module.url(forResource: "console", withExtension: nil)
    }

    /// The file a request path below `/console/` names, if it is one of ours.
    func asset(named name: String) -> Asset? {
        guard Self.isServableName(name) else { return nil }
        return assets[name]
    }

    /// Segments of letters, digits, `-`, `_` and inner dots; nothing empty, hidden, `.`/`..`, encoded or control.
    static func isServableName(_ name: String) -> Bool {
        let segments = name.split(separator: "/", omittingEmptySubsequences: false)
        guard !segments.isEmpty, segments.count <= 8 else { return false }
        return segments.allSatisfy { segment in
            !segment.isEmpty && segment.count <= 100 && segment.first != "." && segment.last != "."
                && segment.unicodeScalars.allSatisfy { scalar in
                    (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z") || (scalar >= "0" && scalar <= "9")
                        || scalar == "-" || scalar == "_" || scalar == "."
                }
        }
    }

    static func contentType(of name: String) -> String? {
        switch name.split(separator: ".").last.map({ $0.lowercased() }) ?? "" {
        case "html": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "json": "application/json"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "ico": "image/x-icon"
        case "txt": "text/plain; charset=utf-8"
        default: nil
        }
    }
}
