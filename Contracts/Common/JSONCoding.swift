import Foundation

/// The fleet's JSON settings: camelCase keys as declared, ISO-8601 UTC timestamps without fractions.
public enum JSONCoding {
    public static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    public static func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }

    /// A date as `makeEncoder()` writes it (`2026-01-31T12:00:00Z`), for the places that carry a date inside a
    /// string, such as error `details`.
    public static func dateString(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle())
    }
}
