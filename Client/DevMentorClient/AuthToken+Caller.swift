import Contracts
import Foundation

extension AuthToken {
    /// The `Caller` to pass to the authenticated operations, carrying `accessToken` as its bearer token.
    ///
    /// Over HTTP the server derives the identity from the token alone, so `userId` and `roles` here are only
    /// informational: they are read, unverified, from the token's `sub` and `roles` claims. A token without a
    /// UUID `sub` yields the nil UUID, which no request ever sends.
    public var caller: Caller {
        let claims = Self.unverifiedClaims(of: accessToken)
        let userId = claims["sub"]?.stringValue.flatMap(UUID.init(uuidString:)) ?? Self.nilUUID
        var roles: [String] = []
        if case .array(let values)? = claims["roles"] {
            roles = values.compactMap(\.stringValue)
        }
        return Caller(userId: userId, roles: roles, sessionId: sessionId, bearerToken: accessToken)
    }

    private static let nilUUID = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))

    /// The JSON payload of a compact JWS (`header.payload.signature`), or nothing when it is not one.
    private static func unverifiedClaims(of token: String) -> [String: JSONValue] {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else { return [:] }
        var base64 = parts[1].replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64),
            case .object(let claims)? = try? JSONDecoder().decode(JSONValue.self, from: data)
        else { return [:] }
        return claims
    }
}
