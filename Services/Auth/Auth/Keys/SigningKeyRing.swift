import Contracts
import Crypto
import Foundation
import JWTKit
import Logging
import ServiceKit

/// The keys the auth service signs and verifies with. The newest key signs; every key it still holds verifies and
/// is published in the JWKS, so tokens signed before a rotation keep working until they expire.
public struct SigningKeyRing: Sendable {
    public let current: SigningKey
    public let all: [SigningKey]
    public let collection: JWTKeyCollection

    /// How many keys a rotating folder keeps; older ones are deleted. The keys sign access tokens, which live
    /// minutes, so a retired key only needs to outlive one access-token lifetime; three leaves generous room.
    static let keysKept = 3

    public init(current: SigningKey, previous: [SigningKey]) async {
        self.current = current
        self.all = [current] + previous.filter { $0.kid != current.kid }
        let collection = JWTKeyCollection()
        for key in all {
            await collection.add(eddsa: EdDSA.PrivateKey(backing: key.privateKey), kid: JWKIdentifier(string: key.kid))
        }
        self.collection = collection
    }

    public var jwks: JWKSet { JWKSet(keys: all.map(\.jwk)) }

    /// Loads the keys from `settings`. Without a key file, the folder is the key store: created with a first key,
    /// and given a new key when the newest is older than the rotation period.
    public static func load(settings: AuthSettings, now: Date = Date(), logger: Logger) async throws -> SigningKeyRing {
        let folder = settings.keyDirectory
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        var stored = try storedKeys(in: folder)

        if let file = settings.privateKeyFile {
            // The id is derived from the key itself (its public half), so replicas and restarts agree on it and a
            // new file at the same path is a new kid, while the same key under another path stays the same kid.
            let loaded = try SigningKey.load(contentsOf: file, kid: "pending")
            let thumbprint = Base64URL.encode(Data(SHA256.hash(data: loaded.privateKey.publicKey.rawRepresentation)))
            let current = SigningKey(kid: "pk-" + thumbprint.prefix(16), privateKey: loaded.privateKey)
            return await SigningKeyRing(current: current, previous: stored.map(\.key))
        }

        let newest = stored.last
        let rotationAge = TimeInterval(settings.keyRotationDays) * 86_400
        if newest == nil || now.timeIntervalSince(newest!.created) > rotationAge {
            let key = try writeNewKey(in: folder, now: now)
            logger.notice("created signing key", metadata: ["kid": "\(key.kid)", "folder": "\(folder)"])
            stored = try storedKeys(in: folder)
        }
        for old in stored.dropLast(keysKept) {
            try? FileManager.default.removeItem(atPath: (folder as NSString).appendingPathComponent(old.key.kid + ".key"))
        }
        let kept = Array(stored.suffix(keysKept))
        return await SigningKeyRing(current: kept.last!.key, previous: kept.dropLast().reversed().map(\.key))
    }

    /// Adds a new key to the folder; the next start signs with it. Used by rotation and by tests.
    @discardableResult
    public static func writeNewKey(in folder: String, now: Date = Date()) throws -> SigningKey {
        let stamp = Int(now.timeIntervalSince1970)
        let kid = "k\(stamp)-" + UUID.random().lowercasedString.prefix(8)
        let key = SigningKey(kid: kid, privateKey: Curve25519.Signing.PrivateKey())
        let path = (folder as NSString).appendingPathComponent(kid + ".key")
        guard FileManager.default.createFile(atPath: path, contents: Data(key.fileContents.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw ConfigError("JWT_KEY_DIR", "must be writable (could not create \(path)).")
        }
        return key
    }

    /// Keys of the folder, oldest first; a key's creation time is in its id (`k<unix seconds>-<random>`).
    static func storedKeys(in folder: String) throws -> [(key: SigningKey, created: Date)] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".key") }
        return try names.compactMap { name -> (SigningKey, Date)? in
            let kid = String(name.dropLast(4))
            guard kid.hasPrefix("k"), let stamp = Int(kid.dropFirst().prefix { $0.isNumber }) else { return nil }
            let key = try SigningKey.load(contentsOf: (folder as NSString).appendingPathComponent(name), kid: kid)
            return (key, Date(timeIntervalSince1970: TimeInterval(stamp)))
        }
        .sorted { ($0.1, $0.0.kid) < ($1.1, $1.0.kid) }
    }
}
