import Contracts
import Foundation

/// A registered, logged-in user of a test: the id, the access token, and the caller the services see.
public struct TestUser: Sendable {
    public let id: UUID
    public let token: String
    public let caller: Caller

    public init(id: UUID, token: String, caller: Caller) {
        self.id = id
        self.token = token
        self.caller = caller
    }
}
