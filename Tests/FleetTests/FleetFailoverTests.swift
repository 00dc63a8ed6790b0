import Contracts
import Foundation
import Testing
import TestSupport

/// The built executables, started as processes: a request crosses the gateway into auth and back; an upstream
/// killed with SIGKILL makes the gateway answer 503 fast, trips its breaker (which then answers without calling
/// the upstream, even once the upstream is back), and the breaker closes again after its open duration.
@Suite("Fleet: real processes, a killed upstream, the breaker's whole cycle")
struct FleetFailoverTests {
    @Test func aKilledUpstreamTripsTheBreakerWhichRecovers() async throws {
        let fleet = try Fleet(gatewayEnvironment: [
            "BREAKER_MINIMUM_CALLS": "3", "BREAKER_OPEN_SECONDS": "15", "BREAKER_HALF_OPEN_PROBES": "1",
            "RATE_LIMIT_CREDENTIALS": "1000/60/1000",
        ])
        try await fleet.start()
        do {
            try await run(fleet)
        } catch {
            await fleet.stop()
            throw error
        }
        await fleet.stop()
    }

    private func run(_ fleet: Fleet) async throws {
        let token = try await fleet.signIn()
        let me = try await fleet.get(fleet.gatewayURL + "/api/v1/auth/me", token: token)
        #expect(me.status == 200)
        let projectsURL = fleet.gatewayURL + "/api/v1/projects"
        let before = try await fleet.get(projectsURL, token: token)
        #expect(before.status != 503)

        // SIGKILL: no graceful shutdown, connections refused from now on.
        await fleet.processes["projects"]!.killHard()
        let start = ContinuousClock.now
        let down = try await fleet.get(projectsURL, token: token)
        #expect(down.status == 503)
        // Far below the gateway's read timeout (30 s): a refusal, not a wait.
        #expect(ContinuousClock.now - start < .seconds(10))
        #expect(try ErrorBody.decode(down.body)?.code == "SERVICE_UNAVAILABLE")

        var state = try await fleet.breakerState("projects")
        for _ in 0..<10 where state != 2 {
            _ = try await fleet.get(projectsURL, token: token)
            state = try await fleet.breakerState("projects")
        }
        #expect(state == 2)

        // The upstream is back, but the breaker is open: the gateway answers alone and the upstream sees nothing.
        let openedAt = ContinuousClock.now
        try await fleet.startService("projects")
        // A generous open duration: restarting a debug build while every other suite runs can take seconds.
        try #require(ContinuousClock.now - openedAt < .seconds(12), "projects took too long to restart to observe the open breaker")
        let whileOpen = try await fleet.get(projectsURL, token: token)
        #expect(whileOpen.status == 503)
        #expect(whileOpen.body.contains("circuit is open"))
        #expect(!fleet.processes["projects"]!.log.contains("/api/v1/projects"))

        // After the open duration one probe goes through, succeeds, and closes the breaker.
        try await Task.sleep(until: openedAt + .milliseconds(15200))
        let after = try await fleet.get(projectsURL, token: token)
        #expect(after.status != 503)
        #expect(fleet.processes["projects"]!.log.contains("/api/v1/projects"))
        #expect(try await fleet.breakerState("projects") == 0)
    }
}

extension ErrorBody {
    static func decode(_ text: String) throws -> ErrorBody.Payload? {
        try JSONCoding.makeDecoder().decode(ErrorBody.self, from: Data(text.utf8)).error
    }
}
