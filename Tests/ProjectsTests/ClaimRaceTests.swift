import Contracts
import Foundation
import Testing
import TestSupport

/// Many users, one project, real HTTP through the gateway: no race loses an update or leaves two holders.
@Suite("Claims under contention")
struct ClaimRaceTests {
    @Test func twentyUsersClaimingAtOnceGetExactlyOneClaim() async throws {
        try await ProjectsFixture.run { fixture in
            let users = try await fixture.signIn(20, tag: "racer")
            let owner = users[0]
            let project = try await fixture.project(of: owner, collaborators: Array(users.dropFirst()))
            let path = "/api/v1/projects/\(project.id.lowercasedString)/claim"

            var lastToken: Int64 = 0
            for round in 0..<8 {
                let responses = try await withThrowingTaskGroup(of: (TestUser, RawResponse).self) { group in
                    for user in users {
                        group.addTask { (user, try await fixture.send("POST", path, as: user, body: #"{"ttlSeconds":60}"#)) }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                let winners = responses.filter { $0.1.status == 201 }
                let losers = responses.filter { $0.1.status == 423 }
                try #require(winners.count == 1, "round \(round): \(responses.map(\.1.status))")
                #expect(losers.count == 19, "round \(round)")
                let (winner, answer) = winners[0]
                let claim = try answer.decode(ClaimToken.self)
                #expect(claim.userId == winner.id)
                #expect(claim.fencingToken > lastToken)
                lastToken = claim.fencingToken
                for (_, loser) in losers {
                    #expect(loser.error?.code == "RESOURCE_LOCKED")
                    #expect(loser.error?.details?["holderId"] == .string(winner.id.lowercasedString))
                }

                let release = try await fixture.send("DELETE", path, as: winner, headers: [(ProjectHeaders.claimToken, claim.id.lowercasedString)])
                #expect(release.status == 204)
            }
        }
    }

    @Test func aClaimThatExpiredCannotOverwriteTheNextHoldersWork() async throws {
        try await ProjectsFixture.run { fixture in
            let first = try await fixture.signIn("first")
            let second = try await fixture.signIn("second")
            let project = try await fixture.project(of: first, collaborators: [second])
            let base = "/api/v1/projects/\(project.id.lowercasedString)"

            let firstClaim = try await fixture.send("POST", base + "/claim", as: first, body: #"{"ttlSeconds":1}"#).decode(ClaimToken.self)
            // The first holder "pauses" past its TTL; Redis frees the lock by itself.
            try await Task.sleep(for: .milliseconds(1500))

            let secondAnswer = try await fixture.send("POST", base + "/claim", as: second, body: #"{"ttlSeconds":60}"#)
            #expect(secondAnswer.status == 201)
            let secondClaim = try secondAnswer.decode(ClaimToken.self)
            #expect(secondClaim.fencingToken > firstClaim.fencingToken)

            let secondWrite = try await fixture.send(
                "PATCH", base, as: second, headers: [(ProjectHeaders.claimToken, secondClaim.id.lowercasedString)], body: #"{"name":"Second's work"}"#
            )
            #expect(secondWrite.status == 200)

            // The first holder wakes up and writes under its old claim.
            let lateWrite = try await fixture.send(
                "PATCH", base, as: first, headers: [(ProjectHeaders.claimToken, firstClaim.id.lowercasedString)], body: #"{"name":"First's stale work"}"#
            )
            #expect(lateWrite.status == 409)
            #expect(lateWrite.error?.code == "STALE_CLAIM")

            let stored = try await fixture.send("GET", base, as: first).decode(Project.self)
            #expect(stored.name == "Second's work")
            #expect(stored.version == 2)
            #expect(stored.lock?.holderId == second.id)
        }
    }

    @Test func twoWritesRacingOnOneVersionLetExactlyOneThrough() async throws {
        try await ProjectsFixture.run { fixture in
            let editor = try await fixture.signIn("editor")
            let project = try await fixture.project(of: editor)
            let base = "/api/v1/projects/\(project.id.lowercasedString)"
            let claim = try await fixture.send("POST", base + "/claim", as: editor, body: "{}").decode(ClaimToken.self)

            for version in 1...5 {
                let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                    for writer in ["left", "right"] {
                        group.addTask {
                            try await fixture.send(
                                "PATCH", base, as: editor,
                                headers: [(ProjectHeaders.claimToken, claim.id.lowercasedString), (ProjectHeaders.ifMatch, "\"\(version)\"")],
                                body: #"{"description":"\#(writer) at \#(version)"}"#
                            ).status
                        }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                #expect(statuses.sorted() == [200, 412], "version \(version)")
            }
            let stored = try await fixture.send("GET", base, as: editor)
            #expect(try stored.decode(Project.self).version == 6)
            #expect(stored.header("ETag") == "\"6\"")
        }
    }

    @Test func oneUserClaimingManyTimesAtOnceGetsOneClaim() async throws {
        try await ProjectsFixture.run { fixture in
            let user = try await fixture.signIn("eager")
            let project = try await fixture.project(of: user)
            let path = "/api/v1/projects/\(project.id.lowercasedString)/claim"
            let claims = try await withThrowingTaskGroup(of: RawResponse.self) { group in
                for _ in 0..<10 {
                    group.addTask { try await fixture.send("POST", path, as: user, body: #"{"ttlSeconds":60}"#) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(claims.allSatisfy { $0.status == 201 })
            #expect(Set(try claims.map { try $0.decode(ClaimToken.self).id }).count == 1)
            // Every claim has been answered, so every event it caused is committed to the outbox by now.
            #expect(try await fixture.outboxTypes(about: project.id) == [EventType.projectCreated.rawValue, EventType.projectClaimed.rawValue])
        }
    }
}
