import Foundation

/// A request DTO that can check its own values. Every DTO's rules live in its `validate()`, so the in-process
/// service, the HTTP routes and the client all apply the same ones.
public protocol Validatable {
    func validate() throws(AppError)
}

/// Small reusable checks that name the field they fail on.
public enum Check {
    public static func length(_ value: String, _ field: String, _ range: ClosedRange<Int>) throws(AppError) {
        let count = value.count
        guard range.contains(count) else {
            throw AppError.validation(field, "\(field) must be \(range.lowerBound) to \(range.upperBound) characters long (got \(count)).")
        }
    }

    public static func trimmedLength(_ value: String, _ field: String, _ range: ClosedRange<Int>) throws(AppError) {
        try length(value.trimmingCharacters(in: .whitespacesAndNewlines), field, range)
    }

    public static func range<T: Comparable>(_ value: T, _ field: String, _ range: ClosedRange<T>) throws(AppError) {
        guard range.contains(value) else {
            throw AppError.validation(field, "\(field) must be between \(range.lowerBound) and \(range.upperBound).")
        }
    }

    public static func finite(_ value: Double, _ field: String) throws(AppError) {
        guard value.isFinite else { throw AppError.validation(field, "\(field) must be a finite number.") }
    }

    /// A pragmatic email check: one `@`, a non-empty local part, a dotted domain, no spaces, at most 254 characters.
    public static func email(_ value: String, _ field: String = "email") throws(AppError) {
        let parts = value.split(separator: "@", omittingEmptySubsequences: false)
        let valid = value.count <= 254
            && parts.count == 2
            && !parts[0].isEmpty && parts[0].count <= 64
            && parts[1].contains(".") && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".")
            && !value.contains(where: { $0.isWhitespace || $0.isNewline })
        guard valid else { throw AppError.validation(field, "\(field) must be a valid email address.") }
    }

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

    /// Refuses C0/C1 control characters (newlines and tabs included): they end up in Redis keys and log lines.
    public static func noControlCharacters(_ value: String, _ field: String) throws(AppError) {
        let hasControl = value.unicodeScalars.contains { $0.properties.generalCategory == .control }
        guard !hasControl else { throw AppError.validation(field, "\(field) must not contain control characters.") }
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
