import Foundation

/// Issue 12: event publish → a client of the gateway's event feed, over WebSocket and over SSE.
extension ReportBuilder {
    func feed(_ checks: inout [TargetCheck]) -> String {
        let socket = results["feed.websocket"], sse = results["feed.sse"]
        checks.append(.below("console", "publish → WebSocket client p99 < 50 ms", value: socket?.p99Ms, maximum: 50, shown: Format.ms(socket?.p99Ms)))
        checks.append(.below("console", "publish → SSE client p99 < 50 ms", value: sse?.p99Ms, maximum: 50, shown: Format.ms(sse?.p99Ms)))
        var lines = ["## Live events (issue 12): publish → browser transport", ""]
        lines.append("`devmentor-bench feed-latency`: one client of the gateway as the bench user, on `GET /api/v1/ws` or "
            + "`GET /api/v1/events`; the bench publishes events for that user on `events:memory` at a steady rate, each "
            + "stamped just before its XADD, and the client subtracts the stamp when the frame arrives (same process, "
            + "monotonic clock). Includes the XADD, the gateway's blocked XREAD waking up, visibility filtering, JSON "
            + "encoding and the socket.")
        lines.append("")
        lines.append(Format.table(["transport", "events/s", "p50", "p99", "max", "lost"], [("WebSocket", socket), ("SSE", sse)].map { name, result in
            [name, result?.parameters?["rate"] ?? Format.missing, Format.ms(result?.p50Ms), Format.ms(result?.p99Ms), Format.ms(result?.maxMs),
             Format.count(result?.errors)]
        }))
        return lines.joined(separator: "\n")
    }
}
