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
        var named: Set<String> = []
        for value in fields[values: .connection] {
            for token in value.split(separator: ",") { named.insert(token.trimmingCharacters(in: .whitespaces).lowercased()) }
        }
        var result = HTTPFields()
        result.reserveCapacity(fields.count)
        for field in fields {
            let name = field.name.canonicalName
            if names.contains(name) || (!named.isEmpty && named.contains(name)) { continue }
            result.append(field)
        }
        return result
    }
}
