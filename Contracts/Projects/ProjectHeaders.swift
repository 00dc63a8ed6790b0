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
    /// Exactly what `ifMatchPattern` states: digits only (no sign), no leading zero, at most 18 of them.
    public static func parseIfMatch(_ value: String) throws(AppError) -> Int {
        var tag = Substring(value.trimmingCharacters(in: .whitespaces))
        if tag.hasPrefix("W/") { tag = tag.dropFirst(2) }
        if tag.count >= 2, tag.hasPrefix("\""), tag.hasSuffix("\"") { tag = tag.dropFirst().dropLast() }
        guard (1...18).contains(tag.count), tag.first != "0", tag.allSatisfy({ $0.isASCII && $0.isNumber }), let version = Int(tag) else {
            throw AppError.validation(ifMatch, "If-Match must be a project version such as \"3\".")
        }
        return version
    }

    /// `If-Match` as the OpenAPI document states it.
    public static let ifMatchPattern = #"^[ \t]*(W/)?("[1-9][0-9]{0,17}"|[1-9][0-9]{0,17})[ \t]*$"#

    /// The entity tag of a project version, for `ETag` and `If-Match`.
    public static func entityTag(version: Int) -> String { "\"\(version)\"" }
}
