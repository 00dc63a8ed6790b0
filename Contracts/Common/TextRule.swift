import Foundation

/// The one rule for text a client sends, used by every DTO's `validate()` and by the OpenAPI document, so what the
/// schema allows and what the server accepts are the same strings.
///
/// - Lengths count Unicode scalars (code points), as JSON Schema's `minLength`/`maxLength` do — not Swift
///   `Character`s, which would let a string of combining marks past a limit the document states.
/// - Control characters (Unicode category Cc: C0, DEL, C1; NUL included) are refused: they end up in Redis keys,
///   log lines and terminals. Multi-line text (descriptions, code, chat) keeps tab, line feed and carriage return.
/// - Lone surrogates cannot reach a Swift `String`: the JSON decoder refuses them (400 for the body) — see
///   `TextRuleTests`.
/// - `requiresContent`: the text must hold something other than whitespace (a name of three spaces is no name).
public struct TextRule: Sendable, Hashable {
    public enum Lines: Sendable, Hashable {
        /// Names, ids, tags: no control character at all.
        case single
        /// Prose and code: tab, LF and CR allowed, every other control character refused.
        case multi
    }

    public var length: ClosedRange<Int>
    public var lines: Lines
    public var requiresContent: Bool

    public init(length: ClosedRange<Int>, lines: Lines = .single, requiresContent: Bool = false) {
        self.length = length
        self.lines = lines
        self.requiresContent = requiresContent
    }

    /// Throws 400 `VALIDATION_FAILED` naming `field` when `value` breaks the rule.
    public func check(_ value: String, _ field: String) throws(AppError) {
        let scalars = value.unicodeScalars
        var count = 0
        var hasContent = false
        for scalar in scalars {
            count += 1
            if Self.isRefusedControl(scalar, lines: lines) {
                throw AppError.validation(
                    field, "\(field) must not contain control characters (found U+\(String(scalar.value, radix: 16, uppercase: true)))."
                )
            }
            if !hasContent, !Self.whitespace.contains(scalar) { hasContent = true }
        }
        guard length.contains(count) else {
            throw AppError.validation(field, "\(field) must be \(length.lowerBound) to \(length.upperBound) characters long (got \(count)).")
        }
        if requiresContent, !hasContent {
            throw AppError.validation(field, "\(field) must not be blank.")
        }
    }

    /// The ECMA-262 / Python regular expression the OpenAPI document states for this rule (lengths go in
    /// `minLength`/`maxLength`).
    public var pattern: String {
        let allowed = lines == .single ? "[^\\u0000-\\u001F\\u007F-\\u009F]" : "[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F]"
        guard requiresContent else { return "^\(allowed)*$" }
        // Content is what is neither a control character nor whitespace, on one line or many.
        let content = "[^\\u0000-\\u001F\\u007F-\\u009F\(Self.whitespacePattern)]"
        return "^\(allowed)*\(content)\(allowed)*$"
    }

    static func isRefusedControl(_ scalar: Unicode.Scalar, lines: Lines) -> Bool {
        let value = scalar.value
        guard value < 0x20 || (0x7F...0x9F).contains(value) else { return false }
        if lines == .multi, value == 0x09 || value == 0x0A || value == 0x0D { return false }
        return true
    }

    /// Whitespace for `requiresContent`, listed rather than taken from a library so the regular expression can say
    /// exactly the same: space, tab, LF, VT, FF, CR, NBSP, and Unicode's other space separators.
    static let whitespace: Set<Unicode.Scalar> = {
        var set: Set<Unicode.Scalar> = [" ", "\t", "\n", "\u{0B}", "\u{0C}", "\r", "\u{85}", "\u{A0}", "\u{1680}",
                                        "\u{2028}", "\u{2029}", "\u{202F}", "\u{205F}", "\u{3000}"]
        for value in 0x2000...0x200A { set.insert(Unicode.Scalar(value)!) }
        return set
    }()

    static let whitespacePattern = " \\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000"
}

extension Check {
    /// `rule.check(value, field)`, in the style of the other checks.
    public static func text(_ value: String, _ field: String, _ rule: TextRule) throws(AppError) {
        try rule.check(value, field)
    }
}

extension String {
    /// `rule.check(self, field)`: `try name.check(as: ProjectRules.name, "name")`.
    public func check(as rule: TextRule, _ field: String) throws(AppError) {
        try rule.check(self, field)
    }
}
