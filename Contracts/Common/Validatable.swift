import Foundation

/// A request DTO that can check its own values. Every DTO's rules live in its `validate()`, so the in-process
/// service, the HTTP routes and the client all apply the same ones.
public protocol Validatable {
    func validate() throws(AppError)
}

/// Small reusable checks that name the field they fail on.
public enum Check {
    /// A length in Unicode scalars, as JSON Schema counts it. Text fields use `TextRule`, which also refuses control
    /// characters; this is for the few values (a cursor, a key) that have a rule of their own on top.
    public static func length(_ value: String, _ field: String, _ range: ClosedRange<Int>) throws(AppError) {
        let count = value.unicodeScalars.count
        guard range.contains(count) else {
            throw AppError.validation(field, "\(field) must be \(range.lowerBound) to \(range.upperBound) characters long (got \(count)).")
        }
    }

    public static func range<T: Comparable>(_ value: T, _ field: String, _ range: ClosedRange<T>) throws(AppError) {
        guard range.contains(value) else {
            throw AppError.validation(field, "\(field) must be between \(range.lowerBound) and \(range.upperBound).")
        }
    }

    public static func finite(_ value: Double, _ field: String) throws(AppError) {
        guard value.isFinite else { throw AppError.validation(field, "\(field) must be a finite number.") }
    }

    /// A pragmatic email check: one `@`, a local part of 1–64 characters, a dotted domain that neither starts nor
    /// ends with a dot, no whitespace, at most 254 characters — exactly `emailPattern`, which the OpenAPI document
    /// states, so a client can check an address before sending it.
    public static func email(_ value: String, _ field: String = "email") throws(AppError) {
        let scalars = Array(value.unicodeScalars)
        let parts = scalars.split(separator: "@", omittingEmptySubsequences: false)
        let valid = scalars.count <= 254
            && parts.count == 2
            && (1...64).contains(parts[0].count)
            && parts[1].count >= 3 && parts[1].dropFirst().dropLast().contains(".")
            && parts[1].first != "." && parts[1].last != "."
            && !scalars.contains(where: { TextRule.whitespace.contains($0) || TextRule.isRefusedControl($0, lines: .single) })
        guard valid else { throw AppError.validation(field, "\(field) must be a valid email address.") }
    }

    /// `email` as a regular expression (ECMA-262 and Python alike); lengths are the schema's `maxLength`.
    public static let emailPattern: String = {
        let other = "[^@\\u0000-\\u0020\\u007F-\\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000"
        let char = other + "]"
        let nonDot = other + ".]"
        return "^\(char){1,64}@\(nonDot)\(char)*\\.\(char)*\(nonDot)$"
    }()

    /// Parses a UUID path or body value, naming the field when it is not one.
    public static func uuid(_ value: String, _ field: String) throws(AppError) -> UUID {
        guard let id = UUID(uuidString: value) else { throw AppError.validation(field, "\(field) must be a UUID.") }
        return id
    }

    /// A length in UTF-8 bytes, for limits that protect storage and parsers (source code, message bodies) rather
    /// than describe what a human reads.
    public static func byteLength(_ value: String, _ field: String, _ range: ClosedRange<Int>) throws(AppError) {
        let count = value.utf8.count
        guard range.contains(count) else {
            throw AppError.validation(field, "\(field) must be \(range.lowerBound) to \(range.upperBound) bytes long (got \(count)).")
        }
    }

    /// The number of elements of a list.
    public static func count<C: Collection>(_ collection: C, _ field: String, _ range: ClosedRange<Int>) throws(AppError) {
        let count = collection.count
        guard range.contains(count) else {
            throw AppError.validation(field, "\(field) must have \(range.lowerBound) to \(range.upperBound) elements (got \(count)).")
        }
    }

    /// A vector of finite numbers with a bounded number of dimensions; a bad element is named `field[i]`.
    public static func vector(_ values: [Double], _ field: String, maxDimensions: Int) throws(AppError) {
        try count(values, field, 1...maxDimensions)
        for (index, value) in values.enumerated() {
            try finite(value, "\(field)[\(index)]")
        }
    }

    /// A probability-like score in 0...1 that is also a real number (NaN compares false to every bound).
    public static func unitInterval(_ value: Double, _ field: String) throws(AppError) {
        try finite(value, field)
        try range(value, field, 0.0...1.0)
    }
}
