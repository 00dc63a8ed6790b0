import Foundation
import Logging

/// Reads typed values from the process environment (or a dictionary in tests) exactly once, at start.
/// Every accessor throws a `ConfigError` naming the variable when the value is present but unusable.
public struct EnvironmentReader: Sendable {
    public let values: [String: String]

    public init(_ values: [String: String] = ProcessInfo.processInfo.environment) {
        self.values = values
    }

    /// The value, with empty strings treated as absent.
    public func string(_ name: String) -> String? {
        guard let value = values[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value
    }

    public func string(_ name: String, default defaultValue: String) -> String {
        string(name) ?? defaultValue
    }

    public func int(_ name: String, default defaultValue: Int, range: ClosedRange<Int>) throws(ConfigError) -> Int {
        guard let raw = string(name) else { return defaultValue }
        guard let value = Int(raw), range.contains(value) else {
            throw ConfigError(name, "must be a whole number from \(range.lowerBound) to \(range.upperBound) (got '\(raw)').")
        }
        return value
    }

    public func bool(_ name: String, default defaultValue: Bool) throws(ConfigError) -> Bool {
        guard let raw = string(name)?.lowercased() else { return defaultValue }
        switch raw {
        case "1", "true", "yes", "on": return true
        case "0", "false", "no", "off": return false
        default: throw ConfigError(name, "must be true or false (got '\(raw)').")
        }
    }

    public func url(_ name: String, default defaultValue: String, schemes: Set<String>) throws(ConfigError) -> URL {
        let raw = string(name, default: defaultValue)
        guard let url = URL(string: raw), let scheme = url.scheme, schemes.contains(scheme), url.host != nil else {
            throw ConfigError(name, "must be a URL with scheme \(schemes.sorted().joined(separator: " or ")) and a host (got '\(raw)').")
        }
        return url
    }

    public func logLevel(_ name: String = "LOG_LEVEL", default defaultValue: Logger.Level = .info) throws(ConfigError) -> Logger.Level {
        guard let raw = string(name) else { return defaultValue }
        guard let level = Logger.Level(rawValue: raw.lowercased()) else {
            let allowed = Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")
            throw ConfigError(name, "must be one of \(allowed) (got '\(raw)').")
        }
        return level
    }

    /// A comma separated list, trimmed, empty entries dropped.
    public func list(_ name: String) -> [String] {
        (string(name) ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
