/// A `JSONValue` as compact JSON text, keys sorted and slashes unescaped like `JSONCoding.makeEncoder()` writes it,
/// without going through `Encodable` (which costs more than the writing). Nesting is walked with an explicit stack,
/// so a deep value cannot overflow the thread's stack. Numbers must be finite (a `JSONValue` parsed from text or
/// made by `JSONValueCoding` always is); a non-finite one is written as `null`.
extension JSONValue {
    public func jsonText() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(to: &out)
        return out
    }

    /// Appends the value's JSON text to `out` (what `jsonText()` returns, and `JSONTextWriter.json(_:)` writes).
    func write(to out: inout [UInt8]) {
        // What is left to write: a value, or the bytes that close a container.
        enum Step {
            case value(JSONValue)
            case key(String)
            case byte(UInt8)
        }
        var steps: [Step] = [.value(self)]
        while let step = steps.popLast() {
            switch step {
            case .byte(let byte):
                out.append(byte)
            case .key(let key):
                Self.writeString(key, to: &out)
                out.append(UInt8(ascii: ":"))
            case .value(let value):
                switch value {
                case .null: out.append(contentsOf: "null".utf8)
                case .bool(let bool): out.append(contentsOf: (bool ? "true" : "false").utf8)
                case .number(let number): Self.writeNumber(number, to: &out)
                case .string(let string): Self.writeString(string, to: &out)
                case .array(let items):
                    out.append(UInt8(ascii: "["))
                    steps.append(.byte(UInt8(ascii: "]")))
                    for (index, item) in items.enumerated().reversed() {
                        steps.append(.value(item))
                        if index > 0 { steps.append(.byte(UInt8(ascii: ","))) }
                    }
                case .object(let fields):
                    out.append(UInt8(ascii: "{"))
                    steps.append(.byte(UInt8(ascii: "}")))
                    let keys = fields.keys.sorted()
                    for (index, key) in keys.enumerated().reversed() {
                        steps.append(.value(fields[key]!))
                        steps.append(.key(key))
                        if index > 0 { steps.append(.byte(UInt8(ascii: ","))) }
                    }
                }
            }
        }
    }

    static func writeNumber(_ number: Double, to out: inout [UInt8]) {
        guard number.isFinite else { return out.append(contentsOf: "null".utf8) }
        // Whole numbers up to 2^53 as integers (`3`, not `3.0`), as JSONEncoder writes them; the rest in Swift's shortest form.
        if number == number.rounded(), abs(number) <= 9_007_199_254_740_992 {
            out.append(contentsOf: String(Int64(number)).utf8)
        } else {
            out.append(contentsOf: number.description.utf8)
        }
    }

    static func writeString(_ string: String, to out: inout [UInt8]) {
        JSONTextWriter.appendString(string, to: &out)
    }
}
