import Contracts
import Crypto
import Foundation
import JWTKit
import ServiceKit

/// One Ed25519 signing key and its id.
public struct SigningKey: Sendable {
    public let kid: String
    public let privateKey: Curve25519.Signing.PrivateKey

    public init(kid: String, privateKey: Curve25519.Signing.PrivateKey) {
        self.kid = kid
        self.privateKey = privateKey
    }

    /// The public half as a JWK for `/.well-known/jwks.json`.
    public var jwk: JWKSet.Key {
        JWKSet.Key(x: Base64URL.encode(privateKey.publicKey.rawRepresentation), kid: kid)
    }

    /// The file form: the 32-byte seed, base64url, one line.
    var fileContents: String { Base64URL.encode(privateKey.rawRepresentation) + "\n" }

    /// Reads a key file: a base64url seed (the form this service writes) or a PKCS#8 PEM (`openssl genpkey -algorithm ed25519`).
    static func load(contentsOf path: String, kid: String) throws -> SigningKey {
        let text = try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        if text.hasPrefix("-----BEGIN") {
            return SigningKey(kid: kid, privateKey: try Curve25519.Signing.PrivateKey(pemRepresentation: text))
        }
        guard let seed = Base64URL.decode(text), seed.count == 32 else {
            throw ConfigError("JWT key file \(path)", "must hold a base64url Ed25519 seed (32 bytes) or a PEM private key.")
        }
        return SigningKey(kid: kid, privateKey: try Curve25519.Signing.PrivateKey(rawRepresentation: seed))
    }
}
