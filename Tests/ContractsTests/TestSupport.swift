import Foundation
import Testing
import Contracts

/// One input to a `validate()` test: `field` is the `details.field` the value must be refused with, or nil when
/// the value must be accepted.
struct ValidationCase: Sendable, CustomTestStringConvertible {
    let label: String
    let value: any Validatable & Sendable
    let field: String?

    static func valid(_ label: String, _ value: any Validatable & Sendable) -> ValidationCase {
        ValidationCase(label: label, value: value, field: nil)
    }

    static func invalid(_ label: String, _ value: any Validatable & Sendable, field: String) -> ValidationCase {
        ValidationCase(label: label, value: value, field: field)
    }

    var testDescription: String { field.map { "\(label) → rejected on \($0)" } ?? "\(label) → accepted" }
}

/// Checks a case: accepted values must not throw; rejected ones must throw VALIDATION_FAILED naming the field.
func check(_ testCase: ValidationCase, sourceLocation: SourceLocation = #_sourceLocation) {
    expectValidation(testCase.label, field: testCase.field, sourceLocation: sourceLocation) { () throws(AppError) in
        try testCase.value.validate()
    }
}

/// The same check for a validation that is not a DTO's `validate()` (keys, headers, query values).
func expectValidation(
    _ label: String,
    field: String?,
    sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () throws(AppError) -> Void
) {
    do throws(AppError) {
        try body()
        if let field {
            Issue.record("\(label): expected VALIDATION_FAILED on \(field), but it was accepted", sourceLocation: sourceLocation)
        }
    } catch {
        guard let field else {
            Issue.record("\(label): expected acceptance, got \(error) (field \(String(describing: error.details?["field"])))", sourceLocation: sourceLocation)
            return
        }
        #expect(error.code == .validationFailed, "\(label)", sourceLocation: sourceLocation)
        #expect(error.httpStatus == 400, "\(label)", sourceLocation: sourceLocation)
        #expect(error.details?["field"] == .string(field), "\(label)", sourceLocation: sourceLocation)
    }
}

/// A string of `count` copies of `character`.
func text(_ count: Int, _ character: Character = "a") -> String {
    String(repeating: character, count: count)
}

enum Fixture {
    /// 2026-01-31T12:00:00Z, the example timestamp of docs/api.md.
    static let date = Date(timeIntervalSince1970: 1_769_860_800)
    static let later = date.addingTimeInterval(300)
    static let userA = UUID(uuidString: "0B7E5E3A-1C1F-4A59-9C43-2A9C3F4C1A01")!
    static let userB = UUID(uuidString: "0B7E5E3A-1C1F-4A59-9C43-2A9C3F4C1A02")!
    static let userC = UUID(uuidString: "0B7E5E3A-1C1F-4A59-9C43-2A9C3F4C1A03")!
    static let projectId = UUID(uuidString: "5B8C7D6E-0000-4000-8000-000000000001")!
    static let otherId = UUID(uuidString: "5B8C7D6E-0000-4000-8000-000000000002")!
    static let thirdId = UUID(uuidString: "5B8C7D6E-0000-4000-8000-000000000003")!

    static let project = Project(
        id: projectId, name: "DevMentor", description: "A mentor for developers.", ownerId: userA,
        collaborators: [userB], status: .active, version: 3, createdAt: date, updatedAt: later,
        lock: ProjectLock(holderId: userB, expiresAt: later)
    )

    static let claim = ClaimToken(id: otherId, projectId: projectId, userId: userB, fencingToken: 42, expiresAt: later)

    static let solution = Solution(
        blackboardId: otherId, summary: "Mostly fine.", recommendations: ["Add tests."], confidence: 0.8,
        contributors: ["security", "documentation"]
    )

    static let analysis = CodeAnalysis(
        id: thirdId, summary: "Small and readable.",
        metrics: CodeMetrics(lines: 12, functions: 2, maxNesting: 3, commentLines: 1, blankLines: 2, cyclomaticComplexity: 4),
        findings: [
            Finding(agent: "security", type: .warning, severity: .high, message: "Hard-coded secret.", line: 4, confidence: 0.9),
            Finding(agent: "documentation", type: .suggestion, severity: .low, message: "Document the API.", confidence: 0.5),
        ],
        solution: solution
    )
}

enum JSON {
    static func encode<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try JSONCoding.makeEncoder().encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
        try JSONCoding.makeDecoder().decode(type, from: Data(json.utf8))
    }

    /// The top-level object of `json` as Foundation values, for checking keys and `null`s.
    static func object(_ json: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    }
}

/// Encodes with `JSONCoding`, decodes back and expects the same value.
func expectRoundTrip<T: Codable & Equatable>(_ value: T, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let json = try JSON.encode(value)
    let decoded = try JSON.decode(T.self, json)
    #expect(decoded == value, "\(T.self) round trip through \(json)", sourceLocation: sourceLocation)
}
