import HTTPTypes

/// Headers in which the gateway tells an upstream who the verified caller is. The gateway deletes any copy a client
/// sent before setting them, so an upstream behind the gateway can log and use them; services still verify the
/// bearer token themselves, so a request that bypasses the gateway gains nothing by sending them.
public enum IdentityHeaders {
    public static let userId = HTTPField.Name("X-DevMentor-User-Id")!
    public static let roles = HTTPField.Name("X-DevMentor-Roles")!
    public static let sessionId = HTTPField.Name("X-DevMentor-Session-Id")!

    public static let all: [HTTPField.Name] = [userId, roles, sessionId]
}
