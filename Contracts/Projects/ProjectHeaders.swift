import Foundation

/// The headers of the claim protocol and optimistic concurrency, parsed and formatted in one place so the
/// projects routes and the HTTP client agree on them.
public enum ProjectHeaders {
    public static let claimToken = "X-Claim-Token"
    public static let ifMatch = "If-Match"
    public static let eTag = "ETag"

    /// Reads `X-Claim-Token: <claim id>`; a value that is not a UUID is bad input, not a missing claim.
    public static func parseClaimToken(_ value: String) throws(AppError) -> UUID {
        try Check.uuid(value.trimmingCharacters(in: .whitespaces), claimToken)
    }

    /// Reads `If-Match: "<version>"`. The quotes of an entity tag are optional and a weak `W/` prefix is accepted,
    /// since some HTTP stacks add or strip them.
    public static func parseIfMatch(_ value: String) throws(AppError) -> Int {
        var tag = value.trimmingCharacters(in: .whitespaces)
        if tag.hasPrefix("W/") { tag.removeFirst(2) }
        if tag.count >= 2, tag.hasPrefix("\""), tag.hasSuffix("\"") { tag = String(tag.dropFirst().dropLast()) }
        guard let version = Int(tag), version >= 1 else {
            throw AppError.validation(ifMatch, "If-Match must be a project version such as \"3\".")
        }
        return version
    }

    /// The entity tag of a project version, for `ETag` and `If-Match`.
    public static func entityTag(version: Int) -> String { "\"\(version)\"" }
}
