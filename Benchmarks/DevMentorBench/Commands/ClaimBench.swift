import ArgumentParser
import Foundation
import NIOHTTP1

/// `http-claims`: claim + release pairs through the HTTP API (normally the gateway). Each task owns one project
/// it created in the set-up, so every claim succeeds and the figure is the cost of the path (JWT, rate limit,
/// proxy, the lock in Redis, the claim row and outbox event in Postgres), not of contention.
struct ClaimBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "http-claims", abstract: "POST /{id}/claim + DELETE /{id}/claim pairs/s over HTTP."
    )

    @Option(help: "Base URL of the gateway (or of the projects service itself).")
    var baseURL = "http://127.0.0.1:28080"

    @Option(help: "Access token of the bench user.")
    var token: String

    @OptionGroup var window: LoadWindow

    func run() async throws {
        let caller = HTTPCaller(baseURL: baseURL, token: token, connections: window.concurrency)
        do {
            let result = try await measure(caller)
            await caller.shutdown()
            try result.emit()
        } catch {
            await caller.shutdown()
            throw error
        }
    }

    private func measure(_ caller: HTTPCaller) async throws -> BenchResult {
        let projects = try await createProjects(caller)
        let outcome = await ClosedLoop(window: window).run { task, _ in
            let project = projects[task]
            let claim = try await caller.call(.POST, "/api/v1/projects/\(project)/claim", json: #"{"ttlSeconds":60}"#)
            guard claim.status == 201, let claimID = HTTPCaller.field("id", in: claim.body) else {
                throw UnexpectedStatus("claim", claim.status, claim.body)
            }
            let release = try await caller.call(.DELETE, "/api/v1/projects/\(project)/claim", headers: [("X-Claim-Token", claimID)])
            guard release.status == 204 else { throw UnexpectedStatus("release", release.status, release.body) }
        }
        var result = BenchResult(
            id: "projects.claims", label: "claim + release over HTTP", count: outcome.samples.count, seconds: outcome.seconds,
            unit: "pairs/s", latency: LatencySummary(nanoseconds: outcome.samples), errors: outcome.errors,
            parameters: ["concurrency": "\(window.concurrency)", "baseURL": baseURL, "duration": "\(window.duration)"]
        )
        result.note = outcome.firstError
        return result
    }

    /// One project per task, created through the same API.
    private func createProjects(_ caller: HTTPCaller) async throws -> [String] {
        var ids: [String] = []
        for index in 0..<window.concurrency {
            let created = try await caller.call(.POST, "/api/v1/projects", json: #"{"name":"bench claims \#(index)"}"#)
            guard created.status == 201, let id = HTTPCaller.field("id", in: created.body) else {
                throw UnexpectedStatus("create project", created.status, created.body)
            }
            ids.append(id)
        }
        return ids
    }
}
