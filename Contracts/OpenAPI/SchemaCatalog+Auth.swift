import Foundation

/// Auth/: users, tokens, sessions and the signing keys.
extension SchemaCatalog {
    static let auth: [String: OpenAPISchema] = [
        "User": .object([
            "id": .uuid,
            "email": email,
            "displayName": .string,
            "roles": .array(.string),
            "createdAt": .dateTime,
        ]),
        "UserProfile": .object([
            "id": .uuid,
            "displayName": .string,
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
            "email": email,
            "password": .text(AuthRules.password)
                .described("\(PasswordPolicy.minLength) to \(PasswordPolicy.maxLength) characters, no control characters."),
            "displayName": .text(AuthRules.displayName),
        ]),
        "LoginRequest": .object([
            "email": .text(AuthRules.email),
            "password": .text(AuthRules.loginPassword),
        ]),
        "RefreshRequest": .object([
            "refreshToken": .text(AuthRules.refreshToken),
        ]),
        "TokenRequest": .object([
            "token": .text(AuthRules.token),
        ]),
    ]

    /// An address as `Check.email` accepts it.
    static let email = OpenAPISchema.string.length(AuthRules.email.length).patterned(Check.emailPattern)
        .described("One `@`, a local part of 1–64 characters, a dotted domain, no whitespace or control characters.")
}
