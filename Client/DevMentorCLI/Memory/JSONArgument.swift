import ArgumentParser
import Contracts
import Foundation

/// A JSON value given on the command line, or `-` for standard input.
enum JSONArgument {
    static func parse(_ text: String, name: String) throws -> JSONValue {
        var source = text
        if text == "-" {
            var lines: [String] = []
            while let line = Swift.readLine(strippingNewline: false) { lines.append(line) }
            source = lines.joined()
        }
        do {
            return try JSONCoding.makeDecoder().decode(JSONValue.self, from: Data(source.utf8))
        } catch {
            throw ValidationError("\(name) is not JSON: \(source.prefix(60)) — quote a string as '\"text\"', or pass --string.")
        }
    }
}
