#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import ServiceKit

/// `TRUSTED_PROXIES`: the load balancers and ingresses whose `X-Forwarded-For` the gateway believes. Empty by
/// default — then the client address is the socket's peer and the header changes nothing, so a client cannot pick
/// its own rate-limit budget by sending one.
///
/// With a trusted peer the client is found as nginx's `real_ip` module (with `real_ip_recursive on`) finds it: walk
/// `X-Forwarded-For` from the right, skipping trusted hops; the first untrusted one is the client. Everything left of
/// it was written by that client and is not believed.
public struct TrustedProxies: Sendable, Equatable {
    /// One CIDR block, as network bytes (4 for IPv4, 16 for IPv6) and a prefix length.
    struct Block: Sendable, Equatable {
        var network: [UInt8]
        var prefix: Int

        func contains(_ address: [UInt8]) -> Bool {
            guard address.count == network.count else { return false }
            var bits = prefix
            for index in network.indices where bits > 0 {
                let take = min(8, bits)
                let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - take))
                if address[index] & mask != network[index] & mask { return false }
                bits -= take
            }
            return true
        }
    }

    let blocks: [Block]

    public static let none = TrustedProxies(blocks: [])

    init(blocks: [Block]) { self.blocks = blocks }

    /// A comma-separated list of CIDR blocks or single addresses: `10.0.0.0/8, 192.168.1.7, fd00::/8`.
    public init(parsing list: String, variable: String = "TRUSTED_PROXIES") throws(ConfigError) {
        var blocks: [Block] = []
        for item in list.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !item.isEmpty {
            let parts = item.split(separator: "/", maxSplits: 1).map(String.init)
            guard let network = Self.bytes(of: parts[0]) else {
                throw ConfigError(variable, "must list CIDR blocks such as 10.0.0.0/8 or fd00::/8 ('\(item)' is not one).")
            }
            let width = network.count * 8
            var prefix = width
            if parts.count == 2 {
                guard let value = Int(parts[1]), (0...width).contains(value) else {
                    throw ConfigError(variable, "'\(item)' needs a prefix length of 0 to \(width).")
                }
                prefix = value
            }
            blocks.append(Block(network: network, prefix: prefix))
        }
        self.blocks = blocks
    }

    public var isEmpty: Bool { blocks.isEmpty }

    public func contains(_ address: String) -> Bool {
        guard !blocks.isEmpty, let bytes = Self.bytes(of: address) else { return false }
        return blocks.contains { $0.contains(bytes) }
    }

    /// The client's address for a request from `peer` carrying these `X-Forwarded-For` values (several headers are
    /// one list, in order).
    public func clientAddress(peer: String?, forwardedFor: [String]) -> String? {
        guard let peer, contains(peer), !forwardedFor.isEmpty else { return peer }
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        var nearest = peer
        for hop in hops.reversed() {
            // A hop that is no address was not written by a trusted proxy: stop at the last one that was.
            guard Self.bytes(of: hop) != nil else { return nearest }
            guard contains(hop) else { return hop }
            nearest = hop
        }
        // Every hop is trusted: the leftmost is as close to the client as anyone can tell.
        return nearest
    }

    /// Network bytes of an IPv4 or IPv6 address in text form (an IPv6 address may come in brackets).
    static func bytes(of text: String) -> [UInt8]? {
        var text = Substring(text)
        if text.hasPrefix("["), text.hasSuffix("]") { text = text.dropFirst().dropLast() }
        let address = String(text)
        var v4 = in_addr()
        if inet_pton(AF_INET, address, &v4) == 1 {
            return withUnsafeBytes(of: &v4) { Array($0) }
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, address, &v6) == 1 {
            let bytes = withUnsafeBytes(of: &v6) { Array($0) }
            // An IPv4-mapped IPv6 peer (::ffff:a.b.c.d) is that IPv4 address.
            if bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xFF, bytes[11] == 0xFF { return Array(bytes[12...]) }
            return bytes
        }
        return nil
    }
}
