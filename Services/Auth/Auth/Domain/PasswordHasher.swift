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
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    func verify(_ password: String, hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }
}
