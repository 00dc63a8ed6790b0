/// JSON text (RFC 8259) read straight into a `JSONValue`, without Foundation's `JSONDecoder`: decoding a `JSONValue`
/// through `Decodable` tries a string, a number and a boolean before it tries a container, and every failed try is a
/// thrown error — an event consumer spent 28 % of its CPU decoding envelopes that way (docs/benchmarks.md,
/// 2026-12-08). Strict: exactly one value with optional whitespace around it, no trailing commas, no leading zeros,
/// no control characters or lone surrogates in strings, valid UTF-8, finite numbers; the same values as
/// `JSONDecoder` for every text both accept (`JSONValueParsingTests`). Nesting is walked with an explicit stack and
/// bounded by `maximumDepth`, so hostile text cannot overflow the thread's stack.
extension JSONValue {
    public static let maximumDepth = 512

    public init(parsing text: [UInt8]) throws(JSONParseError) {
        var parser = JSONValueParser(bytes: text)
        self = try parser.document()
    }
}

/// Why a text is not JSON, and the byte offset where that was found.
public struct JSONParseError: Error, CustomStringConvertible, Equatable {
    public let offset: Int
    public let reason: String

    public var description: String { "not valid JSON at byte \(offset): \(reason)" }
}

struct JSONValueParser {
    private let bytes: [UInt8]
    private var index = 0

    /// An open container: the items so far, or the fields so far and the key whose value is being read.
    private enum Open {
        case array([JSONValue])
        case object([String: JSONValue], key: String)
    }

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    mutating func document() throws(JSONParseError) -> JSONValue {
        let value = try value()
        skipWhitespace()
        guard index == bytes.count else { throw failure("text after the value") }
        return value
    }

    private mutating func value() throws(JSONParseError) -> JSONValue {
        var open: [Open] = []
        while true {
            // One value: a scalar, an empty container, or the opening of one (then its first item or key).
            skipWhitespace()
            guard index < bytes.count else { throw failure("the text ends where a value should be") }
            var value: JSONValue
            switch bytes[index] {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let isObject = bytes[index] == UInt8(ascii: "{")
                guard open.count < JSONValue.maximumDepth else { throw failure("nested deeper than \(JSONValue.maximumDepth)") }
                index += 1
                skipWhitespace()
                if consume(isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                    value = isObject ? .object([:]) : .array([])
                } else {
                    open.append(isObject ? .object([:], key: try key()) : .array([]))
                    continue
                }
            case UInt8(ascii: "\""):
                value = .string(try string())
            case UInt8(ascii: "t"):
                try literal("true")
                value = .bool(true)
            case UInt8(ascii: "f"):
                try literal("false")
                value = .bool(false)
            case UInt8(ascii: "n"):
                try literal("null")
                value = .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                value = .number(try number())
            default:
                throw failure("a value cannot start with this byte")
            }
            // Into its container; a container that ends here is itself a value for the one around it.
            attaching: while true {
                guard let container = open.popLast() else { return value }
                skipWhitespace()
                switch container {
                case .array(var items):
                    items.append(value)
                    if consume(UInt8(ascii: ",")) {
                        open.append(.array(items))
                        break attaching
                    }
                    guard consume(UInt8(ascii: "]")) else { throw failure("expected ',' or ']' in an array") }
                    value = .array(items)
                case .object(var fields, let pending):
                    fields[pending] = value
                    if consume(UInt8(ascii: ",")) {
                        open.append(.object(fields, key: try key()))
                        break attaching
                    }
                    guard consume(UInt8(ascii: "}")) else { throw failure("expected ',' or '}' in an object") }
                    value = .object(fields)
                }
            }
        }
    }

    /// `"name" :` — a member's key and its colon.
    private mutating func key() throws(JSONParseError) -> String {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw failure("expected a key in quotes") }
        let key = try string()
        skipWhitespace()
        guard consume(UInt8(ascii: ":")) else { throw failure("expected ':' after a key") }
        return key
    }

    private mutating func string() throws(JSONParseError) -> String {
        index += 1  // the opening quote
        let start = index
        // The common case: no escapes, copied once.
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let text = try utf8(bytes[start..<index], at: start)
                index += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            guard byte >= 0x20 else { throw failure("a control character in a string (escape it)") }
            index += 1
        }
        var out = Array(bytes[start..<index])
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                let text = try utf8(out[...], at: start)
                index += 1
                return text
            case UInt8(ascii: "\\"):
                index += 1
                guard index < bytes.count else { break }
                let escaped = bytes[index]
                index += 1
                switch escaped {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escaped)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"): out.append(contentsOf: try unicodeEscape())
                default: throw failure("an unknown escape")
                }
            default:
                guard byte >= 0x20 else { throw failure("a control character in a string (escape it)") }
                out.append(byte)
                index += 1
            }
        }
        throw failure("a string that does not end")
    }

    /// After `\u`: four hex digits, and for a high surrogate the `\uXXXX` of its low half; the scalar in UTF-8.
    private mutating func unicodeEscape() throws(JSONParseError) -> [UInt8] {
        let first = try hex4()
        var scalarValue = UInt32(first)
        if (0xD800...0xDBFF).contains(first) {
            guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                throw failure("a high surrogate without its low half")
            }
            index += 2
            let second = try hex4()
            guard (0xDC00...0xDFFF).contains(second) else { throw failure("a high surrogate without its low half") }
            scalarValue = 0x10000 + (UInt32(first - 0xD800) << 10) + UInt32(second - 0xDC00)
        } else if (0xDC00...0xDFFF).contains(first) {
            throw failure("a low surrogate without its high half")
        }
        guard let scalar = Unicode.Scalar(scalarValue) else { throw failure("not a Unicode scalar") }
        return Array(String(Character(scalar)).utf8)
    }

    private mutating func hex4() throws(JSONParseError) -> UInt16 {
        guard index + 4 <= bytes.count else { throw failure("\\u needs four hex digits") }
        var value: UInt16 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw failure("\\u needs four hex digits")
            }
            value = value << 4 | UInt16(digit)
            index += 1
        }
        return value
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, as a finite `Double`.
    private mutating func number() throws(JSONParseError) -> Double {
        let start = index
        _ = consume(UInt8(ascii: "-"))
        if consume(UInt8(ascii: "0")) {
            if index < bytes.count, isDigit(bytes[index]) { throw failure("a number with a leading zero") }
        } else {
            guard digits() else { throw failure("a number without digits") }
        }
        if consume(UInt8(ascii: ".")) {
            guard digits() else { throw failure("a number without digits after '.'") }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if !consume(UInt8(ascii: "+")) { _ = consume(UInt8(ascii: "-")) }
            guard digits() else { throw failure("a number without digits in its exponent") }
        }
        guard let number = Double(String(decoding: bytes[start..<index], as: UTF8.self)), number.isFinite else {
            throw failure("a number a Double cannot hold")
        }
        return number
    }

    /// Skips a run of digits; whether there was one.
    private mutating func digits() -> Bool {
        let start = index
        while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        return index > start
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private mutating func literal(_ word: StaticString) throws(JSONParseError) {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw failure("not \(word)") }
        let matches = word.withUTF8Buffer { expected in
            expected.indices.allSatisfy { bytes[index + $0] == expected[$0] }
        }
        guard matches else { throw failure("not \(word)") }
        index += count
    }

    private mutating func consume(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private func utf8(_ slice: ArraySlice<UInt8>, at offset: Int) throws(JSONParseError) -> String {
        guard let text = String(validating: slice, as: UTF8.self) else { throw JSONParseError(offset: offset, reason: "a string that is not UTF-8") }
        return text
    }

    private func failure(_ reason: String) -> JSONParseError {
        JSONParseError(offset: index, reason: reason)
    }
}
