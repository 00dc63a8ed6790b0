import Contracts
import Foundation
import Testing
import TestSupport

/// `devmentor projects …` as a script and a person use it, against real processes.
@Suite("CLI: projects — login, create, list, show, claim, release, edit", .serialized)
struct CLIProjectsTests {
    @Test func aProjectFromCreationToReleaseWithJSONAndTheLockInWords() async throws {
        try await CLIFleet.run { cli in
            let ada = try await cli.signUp("Ada")
            let bob = try await cli.signUp("Bob")
            let adaId = try await cli.id(of: ada)
            let bobId = try await cli.id(of: bob)

            let created = try await cli.run(["projects", "create", "Compiler", "--description", "A toy compiler", "--json"], as: ada)
            try #require(created.status == 0, "\(created)")
            let project = try created.json(Project.self)
            #expect(project.name == "Compiler")
            #expect(project.description == "A toy compiler")
            #expect(project.ownerId == adaId)
            #expect(project.version == 1)
            #expect(project.lock == nil)
            let id = project.id.lowercasedString

            let listed = try await cli.run(["projects", "list", "--json"], as: ada)
            #expect(listed.status == 0)
            #expect(try listed.json(Page<Project>.self).items.map(\.id).contains(project.id))
            let table = try await cli.run(["projects", "list"], as: ada)
            #expect(table.stdout.contains("Compiler"))
            #expect(table.stdout.contains(id))

            let shared = try await cli.run(["projects", "add-collaborator", id, bobId.lowercasedString], as: ada)
            #expect(shared.status == 0, "\(shared)")

            let claimed = try await cli.run(["projects", "claim", id, "--ttl", "120", "--json"], as: ada)
            try #require(claimed.status == 0, "\(claimed)")
            let claim = try claimed.json(ClaimToken.self)
            #expect(claim.projectId == project.id)
            #expect(claim.userId == adaId)

            // Bob collaborates, so he sees the project — locked by Ada — and is refused the claim, in words and as JSON.
            let shown = try await cli.run(["projects", "show", id, "--json"], as: bob)
            #expect(try shown.json(Project.self).lock?.holderId == adaId)
            let refused = try await cli.run(["projects", "claim", id], as: bob)
            #expect(refused.status == 1)
            #expect(refused.stderr.contains("error: RESOURCE_LOCKED — the project is being edited by user \(adaId.lowercasedString) until "), "\(refused)")
            let refusedJSON = try await cli.run(["projects", "claim", id, "--json"], as: bob)
            #expect(refusedJSON.status == 1)
            #expect(try refusedJSON.json(ErrorBody.self).error.code == "RESOURCE_LOCKED")
            // Bob holds no claim of his own to release.
            let notHis = try await cli.run(["projects", "release", id], as: bob)
            #expect(notHis.status == 1)
            #expect(notHis.stderr.contains("No claim of project \(id)"))

            let inWords = try await cli.run(["projects", "show", id], as: ada)
            #expect(inWords.stdout.contains("claimed by you until"), "\(inWords)")

            // Ada's claim was remembered: release needs no claim id.
            let released = try await cli.run(["projects", "release", id, "--json"], as: ada)
            #expect(released.status == 0, "\(released)")
            let after = try await cli.run(["projects", "show", id, "--json"], as: bob)
            #expect(try after.json(Project.self).lock == nil)

            let bobClaims = try await cli.run(["projects", "claim", id, "--json"], as: bob)
            #expect(bobClaims.status == 0, "\(bobClaims)")
            #expect(try await cli.run(["projects", "release", id], as: bob).status == 0)

            // Someone who may not see the project gets NOT_FOUND, like for one that does not exist.
            let eve = try await cli.signUp("Eve")
            let hidden = try await cli.run(["projects", "show", id], as: eve)
            #expect(hidden.status == 1)
            #expect(hidden.stderr.contains("error: NOT_FOUND"))
        }
    }

    @Test func editClaimsSavesWithTheVersionAndReleasesHoweverItEnds() async throws {
        try await CLIFleet.run { cli in
            let ada = try await cli.signUp("Ada")
            let bob = try await cli.signUp("Bob")
            let bobId = try await cli.id(of: bob)
            let project = try await cli.run(["projects", "create", "Parser", "--json"], as: ada).json(Project.self)
            let id = project.id.lowercasedString

            // An EDITOR that renames the project and writes a description, as a person would in vi.
            let script = cli.directory + "/editor.sh"
            try """
                #!/bin/sh
                sed -i 's/^name: Parser$/name: Parser 2/' "$1"
                printf 'Parses everything.\\nTwice.\\n' >> "$1"
                """.write(toFile: script, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script)
            let edited = try await cli.run(["projects", "edit", id, "--json"], as: ada, environment: ["EDITOR": script, "VISUAL": ""])
            try #require(edited.status == 0, "\(edited)")
            let saved = try JSONCoding.makeDecoder().decode(EditOutcome.self, from: Data(edited.stdout.utf8))
            #expect(saved.changed)
            #expect(saved.released)
            #expect(saved.project.name == "Parser 2")
            #expect(saved.project.description == "Parses everything.\nTwice.")
            #expect(saved.project.version == 2)
            #expect(saved.project.lock == nil)

            // --from: the same document from a file; an unchanged one changes nothing and still releases.
            let document = cli.directory + "/project.txt"
            try "name: Parser 3\nstatus: archived\n\nParses everything.\nTwice.\n".write(toFile: document, atomically: true, encoding: .utf8)
            let fromFile = try await cli.run(["projects", "edit", id, "--from", document], as: ada)
            #expect(fromFile.status == 0, "\(fromFile)")
            #expect(fromFile.stdout.contains("as version 3; released the claim."))
            let unchanged = try await cli.run(["projects", "edit", id, "--from", "-", "--json"], as: ada, input: "name: Parser 3\nstatus: archived\n\nParses everything.\nTwice.\n")
            #expect(unchanged.status == 0, "\(unchanged)")
            #expect(try JSONCoding.makeDecoder().decode(EditOutcome.self, from: Data(unchanged.stdout.utf8)).changed == false)
            let shown = try await cli.run(["projects", "show", id, "--json"], as: ada).json(Project.self)
            #expect(shown.status == .archived)
            #expect(shown.version == 3)
            #expect(shown.lock == nil)

            // A document the CLI cannot read is refused, and the claim is released all the same.
            let broken = try await cli.run(["projects", "edit", id, "--from", "-"], as: ada, input: "title: nope\n\n")
            #expect(broken.status == 1)
            #expect(broken.stderr.contains("error: VALIDATION_FAILED"), "\(broken)")
            #expect(broken.stderr.contains("Released the claim."))
            #expect(try await cli.run(["projects", "show", id, "--json"], as: ada).json(Project.self).lock == nil)

            // While Bob holds the project, Ada's edit is refused before anything is read or sent, and Bob keeps his claim.
            #expect(try await cli.run(["projects", "add-collaborator", id, bobId.lowercasedString], as: ada).status == 0)
            #expect(try await cli.run(["projects", "claim", id], as: bob).status == 0)
            let locked = try await cli.run(["projects", "edit", id, "--from", document], as: ada)
            #expect(locked.status == 1)
            #expect(locked.stderr.contains("error: RESOURCE_LOCKED"))
            #expect(try await cli.run(["projects", "show", id, "--json"], as: ada).json(Project.self).lock?.holderId == bobId)
        }
    }

    @Test func exitStatusesTellRefusedFromNotLoggedInFromBadUsage() async throws {
        try await CLIFleet.run { cli in
            let home = try TestEnvironment.temporaryDirectory("cli-nobody")
            let nobody = CLI.User(name: "Nobody", email: "nobody@example.test", home: home)
            let notLoggedIn = try await cli.run(["projects", "list"], as: nobody)
            #expect(notLoggedIn.status == 2)
            #expect(notLoggedIn.stderr.contains("error: UNAUTHORIZED — Not logged in"))

            let ada = try await cli.signUp("Ada")
            let badId = try await cli.run(["projects", "show", "not-a-uuid"], as: ada)
            #expect(badId.status == 64)
            let badName = try await cli.run(["projects", "create", "   ", "--json"], as: ada)
            #expect(badName.status == 1)
            #expect(try badName.json(ErrorBody.self).error.code == "VALIDATION_FAILED")

            let unreachable = try await cli.run(["projects", "list"], as: ada, environment: ["DEVMENTOR_URL": "http://127.0.0.1:1"])
            #expect(unreachable.status == 3)
            #expect(unreachable.stderr.contains("error: SERVICE_UNAVAILABLE"))
        }
    }
}

/// What `projects edit --json` prints.
struct EditOutcome: Decodable {
    var project: Project
    var changed: Bool
    var released: Bool
}
