import Foundation

/// Number formatting for the report: rates as integers with thousands separators, milliseconds with two or three
/// decimals, a dash for anything missing.
enum Format {
    static let missing = "—"

    static func rate(_ value: Double?) -> String {
        guard let value, value.isFinite else { return missing }
        let digits = String(Int(value.rounded()))
        var grouped = ""
        for (index, character) in digits.reversed().enumerated() {
            if index > 0, index % 3 == 0, character != "-" { grouped.append(",") }
            grouped.append(character)
        }
        return String(grouped.reversed())
    }

    static func ms(_ value: Double?) -> String {
        guard let value, value.isFinite else { return missing }
        return abs(value) < 1 ? String(format: "%.3f ms", value) : String(format: "%.2f ms", value)
    }

    static func ratio(_ value: Double?) -> String {
        guard let value, value.isFinite else { return missing }
        return String(format: "%.2f×", value)
    }

    static func micros(_ value: Double?) -> String {
        guard let value, value.isFinite else { return missing }
        return String(format: "%.0f µs", value)
    }

    static func count(_ value: Int?) -> String {
        guard let value else { return missing }
        return rate(Double(value))
    }

    /// A markdown table; cells must not contain `|`.
    static func table(_ header: [String], _ rows: [[String]]) -> String {
        var lines = ["| " + header.joined(separator: " | ") + " |", "|" + header.map { _ in "---" }.joined(separator: "|") + "|"]
        lines += rows.map { "| " + $0.joined(separator: " | ") + " |" }
        return lines.joined(separator: "\n")
    }
}
