import ArgumentParser
import Foundation

/// Parsers for `transform:` of arguments and options: a wrong value is a usage error naming the value.
enum ArgumentParsing {
    static func uuid(_ text: String) throws -> UUID {
        guard let id = UUID(uuidString: text.trimmingCharacters(in: .whitespaces)) else {
            throw ValidationError("'\(text)' is not an id (a UUID such as 3f2c…-…).")
        }
        return id
    }

    /// `1,0,2` or `1 0 2`.
    static func integers(_ text: String) throws -> [Int] {
        try text.split(whereSeparator: { $0 == "," || $0 == " " }).map { part in
            guard let value = Int(part) else { throw ValidationError("'\(part)' in '\(text)' is not a whole number.") }
            return value
        }
    }

    /// `0.1,0.2,0.3`.
    static func numbers(_ text: String) throws -> [Double] {
        try text.split(whereSeparator: { $0 == "," || $0 == " " }).map { part in
            guard let value = Double(part), value.isFinite else { throw ValidationError("'\(part)' in '\(text)' is not a finite number.") }
            return value
        }
    }
}
