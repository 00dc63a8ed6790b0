import Auth
import Contracts
import Foundation
import HummingbirdTesting
import ServiceKit
import Testing
import TestSupport

@Suite("Signing keys: generated once, rotated without breaking live tokens")
struct SigningKeyRotationTests {
    @Test func aKeyIsGeneratedOnceAndReusedOnRestart() async throws {
        let folder = try TestEnvironment.temporaryDirectory("keys")
        let settings = try AuthTestFixture.settings(keyDirectory: folder)
        let first = try await SigningKeyRing.load(settings: settings, logger: TestEnvironment.logger("keys"))
        let second = try await SigningKeyRing.load(settings: settings, logger: TestEnvironment.logger("keys"))
        #expect(first.current.kid == second.current.kid)
        #expect(first.jwks == second.jwks)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder)
        #expect(files.count == 1)
        let attributes = try FileManager.default.attributesOfItem(atPath: folder + "/" + files[0])
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
    }

    @Test func tokensSignedBeforeARotationStillValidateAndTheJWKSListsBothKeys() async throws {
        let folder = try TestEnvironment.temporaryDirectory("keys")
        let settings = try AuthTestFixture.settings(keyDirectory: folder)
        let email = TestEnvironment.uniqueEmail()
        let oldToken = try await AuthTestFixture.withService(settings: settings) { _, client in
            _ = try await client.register(email: email)
            return try await client.login(email: email)
        }
        let oldKid = try #require(try await SigningKeyRing.load(settings: settings, logger: TestEnvironment.logger("keys")).current.kid)

        try SigningKeyRing.writeNewKey(in: folder, now: Date().addingTimeInterval(1))

        try await AuthTestFixture.withService(settings: settings) { core, client in
            #expect(core.keys.current.kid != oldKid)
            let jwks = try await client.json(.get, "/.well-known/jwks.json", as: JWKSet.self)
            let kids = Set(jwks.body?.keys.map(\.kid) ?? [])
            #expect(kids == [oldKid, core.keys.current.kid])
            #expect(jwks.body?.keys.allSatisfy { $0.alg == "EdDSA" && $0.kty == "OKP" && $0.crv == "Ed25519" } == true)

            let validation = try await core.validateToken(oldToken.accessToken)
            #expect(validation.valid)
            let fresh = try await client.login(email: email)
            #expect(try ForgedTokenTests.header(of: fresh.accessToken)["kid"] == core.keys.current.kid)
        }
    }

    @Test func anOutdatedKeyIsRotatedAtStart() async throws {
        let folder = try TestEnvironment.temporaryDirectory("keys")
        let old = try SigningKeyRing.writeNewKey(in: folder, now: Date().addingTimeInterval(-40 * 86_400))
        let settings = try AuthTestFixture.settings(keyDirectory: folder)
        let ring = try await SigningKeyRing.load(settings: settings, logger: TestEnvironment.logger("keys"))
        #expect(ring.current.kid != old.kid)
        #expect(ring.all.map(\.kid).contains(old.kid))
    }
}

extension ForgedTokenTests {
    static func header(of token: String) throws -> [String: String] {
        let data = try #require(Base64URL.decode(String(token.split(separator: ".")[0])))
        return try JSONDecoder().decode([String: String].self, from: data)
    }
}

@Suite("Signing keys: a pinned key file")
struct PinnedSigningKeyTests {
    @Test func thePinnedKeySignsAndItsIdComesFromTheKeyNotThePath() async throws {
        let source = try TestEnvironment.temporaryDirectory("pinned")
        let written = try SigningKeyRing.writeNewKey(in: source)
        let original = source + "/" + written.kid + ".key"
        let copy = source + "/copy-of-key.pem"
        try FileManager.default.copyItem(atPath: original, toPath: copy)

        var settings = try AuthTestFixture.settings()
        settings.privateKeyFile = original
        let first = try await SigningKeyRing.load(settings: settings, logger: TestEnvironment.logger("keys"))
        settings.privateKeyFile = copy
        let second = try await SigningKeyRing.load(settings: settings, logger: TestEnvironment.logger("keys"))
        #expect(first.current.kid.hasPrefix("pk-"))
        #expect(first.current.kid == second.current.kid)
        #expect(first.current.privateKey.publicKey.rawRepresentation == written.privateKey.publicKey.rawRepresentation)
    }
}
