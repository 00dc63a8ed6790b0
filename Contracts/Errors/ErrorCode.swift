/// Every error code a client can see, with the HTTP status it travels with. docs/api.md is the source of these names;
/// this enum is the only place they are spelled.
public enum ErrorCode: String, Codable, Sendable, CaseIterable {
    case validationFailed = "VALIDATION_FAILED"
    case unauthorized = "UNAUTHORIZED"
    case tokenExpired = "TOKEN_EXPIRED"
    case tokenRevoked = "TOKEN_REVOKED"
    case invalidCredentials = "INVALID_CREDENTIALS"
    case forbidden = "FORBIDDEN"
    case notFound = "NOT_FOUND"
    case methodNotAllowed = "METHOD_NOT_ALLOWED"
    case emailTaken = "EMAIL_TAKEN"
    case conflict = "CONFLICT"
    case resourceLocked = "RESOURCE_LOCKED"
    case claimRequired = "CLAIM_REQUIRED"
    case versionConflict = "VERSION_CONFLICT"
    case staleClaim = "STALE_CLAIM"
    case dimensionMismatch = "DIMENSION_MISMATCH"
    /// A user's embeddings reached the service's per-user limit (`MEMORY_MAX_VECTORS_PER_USER`).
    case vectorLimitReached = "VECTOR_LIMIT_REACHED"
    case requestTimeout = "REQUEST_TIMEOUT"
    case payloadTooLarge = "PAYLOAD_TOO_LARGE"
    case unsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE"
    case rateLimited = "RATE_LIMITED"
    case sagaFailed = "SAGA_FAILED"
    case serviceUnavailable = "SERVICE_UNAVAILABLE"
    case upstreamTimeout = "UPSTREAM_TIMEOUT"
    case `internal` = "INTERNAL"

    /// The HTTP status this code is answered with.
    public var httpStatus: Int {
        switch self {
        case .validationFailed, .dimensionMismatch: 400
        case .unauthorized, .tokenExpired, .tokenRevoked, .invalidCredentials: 401
        case .forbidden: 403
        case .notFound: 404
        case .methodNotAllowed: 405
        case .emailTaken, .conflict, .staleClaim, .vectorLimitReached: 409
        case .requestTimeout: 408
        case .versionConflict: 412
        case .payloadTooLarge: 413
        case .unsupportedMediaType: 415
        case .resourceLocked: 423
        case .claimRequired: 428
        case .rateLimited: 429
        case .internal: 500
        case .sagaFailed: 502
        case .serviceUnavailable: 503
        case .upstreamTimeout: 504
        }
    }
}
