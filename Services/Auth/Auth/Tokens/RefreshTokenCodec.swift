import Crypto
import Foundation
import ServiceKit

/// Refresh tokens are 32 random bytes, base64url. Only their SHA-256 is stored, so a database leak yields no
/// usable token.
enum RefreshTokenCodec {
    static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Base64URL.encode(bytes)
    }

    static func hash(_ token: String) -> Data {
        Data(SHA256.hash(data: Data(token.utf8)))
    }

    /// A refresh token has no dots; an access token (JWT) has two. `/revoke` takes either.
    static func looksLikeJWT(_ token: String) -> Bool {
        token.utf8.filter { $0 == UInt8(ascii: ".") }.count == 2
    }
}
