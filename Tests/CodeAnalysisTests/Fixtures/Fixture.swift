import Foundation
import CodeAnalysis

/// A sample of code with its expectations written in it: a comment `expect: <rule id>` on a line says a finding of
/// that rule must name that line. Expectations live next to the code they are about, so no line number is typed twice.
struct Fixture: Sendable, CustomStringConvertible {
    let name: String
    let language: SourceLanguage
    let code: String

    var description: String { "\(language.rawValue) \(name)" }

    /// (rule id, line) for every `expect:` marker.
    var expectations: [(rule: String, line: Int)] {
        var found: [(String, Int)] = []
        for (offset, line) in code.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard let marker = line.range(of: "expect: ") else { continue }
            for rule in line[marker.upperBound...].split(separator: ",") {
                found.append((rule.trimmingCharacters(in: .whitespaces), offset + 1))
            }
        }
        return found
    }
}
