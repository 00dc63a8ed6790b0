import Foundation

/// The project errors whose `details` docs/api.md fixes, built in one place so every thrower spells them alike.
extension AppError {
    /// 423 `RESOURCE_LOCKED` with `details: {holderId, expiresAt}`.
    public static func resourceLocked(holderId: UUID, expiresAt: Date) -> AppError {
        AppError(
            .resourceLocked,
            "The project is claimed by another user until \(JSONCoding.dateString(expiresAt)).",
            details: ["holderId": .string(holderId.lowercasedString), "expiresAt": .string(JSONCoding.dateString(expiresAt))]
        )
    }

    /// 428 `CLAIM_REQUIRED`: no one holds the project and the caller sent no valid claim.
    public static let claimRequired = AppError(.claimRequired, "Claim the project first and send the claim id as X-Claim-Token.")

    /// 409 `STALE_CLAIM`: the claim is expired, released, or older than the current holder's.
    public static let staleClaim = AppError(.staleClaim, "The claim is no longer held; claim the project again.")

    /// 412 `VERSION_CONFLICT` naming the current version so a client can re-read and retry.
    public static func versionConflict(current: Int) -> AppError {
        AppError(.versionConflict, "The project has changed since that version.", details: ["currentVersion": .number(Double(current))])
    }

    /// 502 `SAGA_FAILED` with `details.sagaId`.
    public static func sagaFailed(sagaId: UUID, reason: String) -> AppError {
        AppError(.sagaFailed, reason, details: ["sagaId": .string(sagaId.lowercasedString)])
    }
}
