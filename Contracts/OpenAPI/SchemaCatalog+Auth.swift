import Foundation

/// Auth/: users, tokens, sessions and the signing keys.
extension SchemaCatalog {
    static let auth: [String: OpenAPISchema] = [
        "User": .object([
            "id": .uuid,
            "email": .string.formatted("email"),
            "displayName": .string,
            "roles": .array(.string),
            "createdAt": .dateTime,
        ]),
        "RegisterResponse": .object([
            "user": .ref(User.self),
        ]),
        "AuthToken": .object([
            "accessToken": .string.described("A short-lived JWT, signed asymmetrically, with a `kid`."),
            "refreshToken": .string.described("Single use: refreshing spends it and returns a new one."),
            "tokenType": .constant("Bearer"),
            "expiresIn": .integer.described("Seconds until the access token expires."),
            "sessionId": .uuid,
        ]),
        "TokenValidation": .object([
            "valid": .boolean,
            "userId": .uuid.optional,
            "sessionId": .uuid.optional,
            "expiresAt": .dateTime.optional,
            "reason": .string.optional.described("Why the token is not valid: `expired`, `revoked`, `malformed`, `bad_signature`, …"),
            "roles": .array(.string).optional,
        ]),
        "Session": .object([
            "id": .uuid,
            "userId": .uuid,
            "createdAt": .dateTime,
            "expiresAt": .dateTime,
        ]),
        "SessionValidity": .object([
            "valid": .boolean,
        ]),
        "JWKSet": .object([
            "keys": .array(.ref("JWKSet.Key")),
        ]),
        "JWKSet.Key": .object([
            "kty": .string,
            "crv": .string,
            "x": .string,
            "kid": .string,
            "alg": .string,
            "use": .string,
        ]),

        // Requests. The literal limits are the ones their `validate()` spells.
        "RegisterRequest": .object([
            "email": .string.formatted("email").maxLength(254),
            "password": .string.length(PasswordPolicy.minLength...PasswordPolicy.maxBytes)
                .described("At least \(PasswordPolicy.minLength) characters and at most \(PasswordPolicy.maxBytes) UTF-8 bytes (bcrypt's limit)."),
            "displayName": .string.length(1...100),
        ]),
        "LoginRequest": .object([
            "email": .string.length(1...254),
            "password": .string.length(1...1024),
        ]),
        "RefreshRequest": .object([
            "refreshToken": .string.length(1...512),
        ]),
        "TokenRequest": .object([
            "token": .string.length(1...8192),
        ]),
    ]
}
