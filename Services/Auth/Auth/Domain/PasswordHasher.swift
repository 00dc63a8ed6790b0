import Contracts
import Crypto
import Foundation
import HummingbirdBcrypt
import NIOPosix

/// bcrypt, run on NIO's thread pool: a hash costs tens to hundreds of milliseconds of CPU, which must never block an
/// event loop or the cooperative pool that serves requests.
struct PasswordHasher: Sendable {
    let cost: Int

    /// A hash of a random password at the same cost, verified when an email is unknown so that a login for an unknown
    /// email takes as long as a wrong password (no user enumeration by timing).
    let decoyHash: String

    init(cost: Int) {
        self.cost = cost
        self.decoyHash = Bcrypt.hash("decoy-\(UInt64.random(in: .min ... .max))", cost: UInt8(cost))
    }

    func hash(_ password: String) async throws -> String {
        let cost = UInt8(self.cost)
        let input = Self.bcryptInput(password)
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(input, cost: cost) }
    }

    func verify(_ password: String, hash: String) async throws -> Bool {
        let input = Self.bcryptInput(password)
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(input, hash: hash) }
    }

    /// What bcrypt is given. It reads only the first 72 bytes, so a longer password is first reduced to its SHA-256
    /// (base64, 44 bytes), and every character of it counts. Passwords of at most 72 bytes go in as they are, as
    /// they always did, so the hashes stored before this rule still verify.
    static func bcryptInput(_ password: String) -> String {
        guard password.utf8.count > PasswordPolicy.bcryptBytes else { return password }
        return "sha256:" + Data(SHA256.hash(data: Data(password.utf8))).base64EncodedString()
    }
}
