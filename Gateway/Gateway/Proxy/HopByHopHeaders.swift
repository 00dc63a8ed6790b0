import Foundation
import HTTPTypes

/// Headers that describe one connection, not the message (RFC 9110 §7.6.1): never forwarded, in either direction.
enum HopByHopHeaders {
    static let names: Set<String> = [
        "connection", "keep-alive", "te", "trailer", "transfer-encoding", "upgrade",
        "proxy-connection", "proxy-authenticate", "proxy-authorization",
    ]

    /// `fields` without hop-by-hop headers, including any the `Connection` header names.
    static func removing(from fields: HTTPFields) -> HTTPFields {
        var named = names
        for value in fields[values: .connection] {
            for token in value.split(separator: ",") { named.insert(token.trimmingCharacters(in: .whitespaces).lowercased()) }
        }
        var result = HTTPFields()
        for field in fields where !named.contains(field.name.canonicalName) {
            result.append(field)
        }
        return result
    }
}
