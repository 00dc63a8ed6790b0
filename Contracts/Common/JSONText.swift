import Foundation

/// A DTO that writes its own JSON text, byte for byte what `JSONCoding.makeEncoder()` writes for it: keys sorted,
/// slashes unescaped, ids in lower case, dates ISO 8601 in whole seconds. For the bodies sent most (a page of
/// projects): Foundation's `JSONEncoder` was a fifth of the projects service's CPU per list request, most of it the
/// generic `Encoder` machinery and dynamic casts rather than the writing (docs/benchmarks.md, 2026-12-07 23:00 run).
/// `JSONBody` uses it when the value has it. Each conformance is checked against `JSONEncoder` on the same values
/// (`JSONTextTests`), so the two cannot drift apart unnoticed.
public protocol JSONTextWritable {
    /// Writes the value; an object's keys in the order `JSONEncoder`'s `.sortedKeys` puts them.
    func writeJSON(to out: inout JSONTextWriter)
}

extension JSONTextWritable {
    /// The value as JSON text.
    public func jsonText(capacity: Int = 512) -> [UInt8] {
        var writer = JSONTextWriter(capacity: capacity)
        writeJSON(to: &writer)
        return writer.bytes
    }
}

/// Appends JSON tokens to a byte buffer. Keys are written with `key(_:)`, whose name must need no escaping (the
/// DTOs' property names); string values go through `string(_:)`, escaped as `JSONEncoder` escapes them.
public struct JSONTextWriter {
    public private(set) var bytes: [UInt8]

    public init(capacity: Int = 512) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// `{`, `}`, `[`, `]`, `,`, `null`, `true`: text that needs no escaping.
    @inline(__always)
    public mutating func raw(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// `"name":` — `first` false puts the separating comma before it.
    @inline(__always)
    public mutating func key(_ name: StaticString, first: Bool = false) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        bytes.append(UInt8(ascii: "\""))
        raw(name)
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
    }

    public mutating func string(_ value: String) {
        Self.appendString(value, to: &bytes)
    }

    public mutating func string(_ value: String?) {
        if let value { string(value) } else { raw("null") }
    }

    public mutating func bool(_ value: Bool) {
        raw(value ? "true" : "false")
    }

    public mutating func integer(_ value: some BinaryInteger) {
        guard value != 0 else { return bytes.append(UInt8(ascii: "0")) }
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        // The digits written last to first into room made for them.
        var magnitude = value.magnitude
        var count = 0
        var probe = magnitude
        while probe > 0 {
            count += 1
            probe /= 10
        }
        let end = bytes.count + count
        bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: count))
        var at = end - 1
        while magnitude > 0 {
            bytes[at] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: magnitude % 10)
            magnitude /= 10
            at -= 1
        }
    }

    /// A number as `JSONEncoder` writes a `Double`: whole ones as integers, the rest in Swift's shortest form
    /// (`JSONValue`'s writing). Not finite: `null` — `JSONEncoder` would throw; the DTOs written here validate their
    /// numbers first.
    public mutating func number(_ value: Double) {
        JSONValue.writeNumber(value, to: &bytes)
    }

    public mutating func strings(_ values: [String]) {
        list(values) { out, value in out.string(value) }
    }

    /// An id in the fleet's spelling (`UUID.lowercasedString`).
    public mutating func uuid(_ value: UUID) {
        bytes.append(UInt8(ascii: "\""))
        withUnsafeBytes(of: value.uuid) { id in
            let digits: StaticString = "0123456789abcdef"
            for (index, byte) in id.enumerated() {
                if index == 4 || index == 6 || index == 8 || index == 10 { bytes.append(UInt8(ascii: "-")) }
                bytes.append(digits.utf8Start[Int(byte >> 4)])
                bytes.append(digits.utf8Start[Int(byte & 0x0F)])
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    public mutating func uuids(_ values: [UUID]) {
        list(values) { out, value in out.uuid(value) }
    }

    /// A date as `JSONEncoder`'s `.iso8601` strategy writes it, `2026-01-31T12:00:00Z` (fractions of a second are
    /// not written). Years 1583–9999 are computed here (days to a proleptic Gregorian date, Howard Hinnant's
    /// algorithm); earlier ones, where Foundation's calendar is the Julian one, and later ones go through Foundation's
    /// formatter.
    public mutating func date(_ value: Date) {
        let seconds = value.timeIntervalSince1970.rounded(.down)
        // 1583-01-01 and 10000-01-01 in Unix seconds.
        guard seconds >= -12_212_553_600, seconds < 253_402_300_800 else {
            return string(JSONCoding.dateString(value))
        }
        let whole = Int64(seconds)
        let days = whole >= 0 ? whole / 86_400 : (whole - 86_399) / 86_400
        let secondOfDay = Int(whole - days * 86_400)
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = Int(dayOfYear - (153 * shiftedMonth + 2) / 5 + 1)
        let month = Int(shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9)
        let year = Int(yearOfEra + era * 400) + (month <= 2 ? 1 : 0)
        bytes.append(UInt8(ascii: "\""))
        digits(year, 4)
        bytes.append(UInt8(ascii: "-"))
        digits(month, 2)
        bytes.append(UInt8(ascii: "-"))
        digits(day, 2)
        bytes.append(UInt8(ascii: "T"))
        digits(secondOfDay / 3600, 2)
        bytes.append(UInt8(ascii: ":"))
        digits(secondOfDay / 60 % 60, 2)
        bytes.append(UInt8(ascii: ":"))
        digits(secondOfDay % 60, 2)
        bytes.append(contentsOf: [UInt8(ascii: "Z"), UInt8(ascii: "\"")])
    }

    /// A free-form value (`JSONValue.jsonText()`'s bytes).
    public mutating func json(_ value: JSONValue) {
        value.write(to: &bytes)
    }

    /// A value that writes itself, or `null`.
    public mutating func value(_ value: (some JSONTextWritable)?) {
        if let value { value.writeJSON(to: &self) } else { raw("null") }
    }

    public mutating func array(_ values: [some JSONTextWritable]) {
        list(values) { out, value in value.writeJSON(to: &out) }
    }

    /// `[…]`, each element written by `element`.
    @inline(__always)
    public mutating func list<Element>(_ values: [Element], _ element: (inout JSONTextWriter, Element) -> Void) {
        bytes.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            element(&self, value)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    private mutating func digits(_ value: Int, _ count: Int) {
        var divisor = 1
        for _ in 1..<count { divisor *= 10 }
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
            divisor /= 10
        }
    }

    /// A string literal with `JSONEncoder`'s escapes (`.withoutEscapingSlashes`): `\"`, `\\`, `\b`, `\f`, `\n`,
    /// `\r`, `\t`, any other byte below 0x20 as `\u00xx`; everything else, non-ASCII included, as it is. The one
    /// escaping of the fleet's hand-written JSON (`JSONValue.jsonText()` uses it too).
    static func appendString(_ value: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            var clean = 0
            for (at, byte) in utf8.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[clean..<at]))
                clean = at + 1
                out.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""): out.append(UInt8(ascii: "\""))
                case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\"))
                case 0x08: out.append(UInt8(ascii: "b"))
                case 0x0C: out.append(UInt8(ascii: "f"))
                case UInt8(ascii: "\n"): out.append(UInt8(ascii: "n"))
                case UInt8(ascii: "\r"): out.append(UInt8(ascii: "r"))
                case UInt8(ascii: "\t"): out.append(UInt8(ascii: "t"))
                default:
                    let hex: StaticString = "0123456789abcdef"
                    out.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
                    out.append(hex.utf8Start[Int(byte >> 4)])
                    out.append(hex.utf8Start[Int(byte & 0x0F)])
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[clean...]))
        }
        out.append(UInt8(ascii: "\""))
    }
}
