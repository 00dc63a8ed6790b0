import Contracts
import Foundation

/// How values read in a terminal: local clock times, aligned columns, short JSON.
enum Format {
    /// A time of day in the local time zone, e.g. `12:03:14`; with the date too when it is not today.
    static func time(_ date: Date) -> String {
        let calendar = Calendar.current
        var style = Date.FormatStyle(date: .omitted, time: .standard)
        if !calendar.isDateInToday(date) { style = Date.FormatStyle(date: .numeric, time: .standard) }
        return date.formatted(style.locale(Locale(identifier: "en_GB")))
    }

    static func parseDate(_ text: String) -> Date? {
        ISO8601DateFormatter().date(from: text)
    }

    /// Columns padded to their widest cell; the last column is not padded.
    static func table(_ header: [String], _ rows: [[String]]) -> String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0.indices.contains(column) ? $0[column].count : 0 }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }

    /// `value` as compact JSON text.
    static func json(_ value: some Encodable) -> String {
        (try? JSONCoding.makeEncoder().encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "?"
    }

    /// `value` as indented JSON text.
    static func prettyJSON(_ value: some Encodable) -> String {
        let encoder = JSONCoding.makeEncoder()
        encoder.outputFormatting.insert(.prettyPrinted)
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "?"
    }

    static func id(_ uuid: UUID) -> String { uuid.lowercasedString }
}
