import AsyncHTTPClient
import Foundation
import NIOCore

/// `GET /health` of the gateway: every upstream's `/ready`, asked concurrently with a short timeout.
public struct ServiceHealthReport: Codable, Sendable, Equatable {
    public var status: String
    public var services: [String: String]
}

struct ServiceHealth: Sendable {
    let client: HTTPClient
    let upstreams: [Upstream]
    let timeout: TimeAmount = .seconds(2)

    func check() async -> ServiceHealthReport {
        let states = await withTaskGroup(of: (String, String).self) { group in
            for upstream in upstreams {
                group.addTask {
                    var base = upstream.baseURL.absoluteString
                    if base.hasSuffix("/") { base.removeLast() }
                    do {
                        let response = try await client.execute(HTTPClientRequest(url: base + "/ready"), timeout: timeout)
                        _ = try? await response.body.collect(upTo: 64 * 1024)
                        return (upstream.name, response.status == .ok ? "ok" : "degraded")
                    } catch {
                        return (upstream.name, "down")
                    }
                }
            }
            var states: [String: String] = [:]
            for await (name, state) in group { states[name] = state }
            return states
        }
        let healthy = states.values.allSatisfy { $0 == "ok" }
        return ServiceHealthReport(status: healthy ? "ok" : "degraded", services: states)
    }
}
