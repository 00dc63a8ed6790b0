import Foundation
import Testing
import Contracts

@Suite("Common types and checks")
struct CommonTests {
    static let pageCases: [ValidationCase] = [
        .valid("defaults", PageRequest()),
        .valid("limit 1", PageRequest(limit: 1)),
        .valid("limit 100", PageRequest(limit: 100)),
        .invalid("limit 0", PageRequest(limit: 0), field: "limit"),
        .invalid("limit 101", PageRequest(limit: 101), field: "limit"),
        .valid("a cursor of the documented form", PageRequest(cursor: "v1.1767225600.\(UUID().lowercasedString)")),
        .valid("a cursor with an upper-case id", PageRequest(cursor: "v1.0.\(UUID().uuidString)")),
        .invalid("a cursor of another version", PageRequest(cursor: "v2.1.\(UUID().lowercasedString)"), field: "cursor"),
        .invalid("a cursor with 13 digits of seconds", PageRequest(cursor: "v1.1234567890123.\(UUID().lowercasedString)"), field: "cursor"),
        .invalid("a cursor with a signed number", PageRequest(cursor: "v1.+1.\(UUID().lowercasedString)"), field: "cursor"),
        .invalid("free text", PageRequest(cursor: text(40)), field: "cursor"),
        .invalid("empty cursor", PageRequest(cursor: ""), field: "cursor"),
    ]

    @Test("PageRequest", arguments: pageCases)
    func page(_ testCase: ValidationCase) { check(testCase) }

    @Test func pageRequestParsesQueryValues() throws {
        #expect(try PageRequest.parse(limit: nil, cursor: nil) == PageRequest(limit: 20, cursor: nil))
        let cursor = "v1.5.\(UUID().lowercasedString)"
        #expect(try PageRequest.parse(limit: "5", cursor: cursor) == PageRequest(limit: 5, cursor: cursor))
        #expect(try PageRequest.parse(limit: "100", cursor: "") == PageRequest(limit: 100, cursor: nil))
        for bad in ["abc", "1.5", "", "0", "101", "-1"] {
            expectValidation("limit \(bad)", field: "limit") { () throws(AppError) in _ = try PageRequest.parse(limit: bad, cursor: nil) }
        }
    }

    @Test func pageWritesNullCursorOnTheLastPage() throws {
        let last = Page(items: [1, 2], nextCursor: nil)
        #expect(try JSON.encode(last) == #"{"items":[1,2],"nextCursor":null}"#)
        #expect(try JSON.encode(Page(items: ["a"], nextCursor: "c2")) == #"{"items":["a"],"nextCursor":"c2"}"#)
        #expect(try JSON.decode(Page<Int>.self, #"{"items":[],"nextCursor":null}"#) == Page(items: []))
        #expect(try JSON.decode(Page<Int>.self, #"{"items":[3]}"#) == Page(items: [3]))
    }

    @Test func uuidCheckNamesTheField() throws {
        #expect(try Check.uuid("5B8C7D6E-0000-4000-8000-000000000001", "id") == Fixture.projectId)
        #expect(try Check.uuid("5b8c7d6e-0000-4000-8000-000000000001", "id") == Fixture.projectId)
        expectValidation("not a uuid", field: "id") { () throws(AppError) in _ = try Check.uuid("42", "id") }
    }

    @Test func orderingsPutTheMostUrgentLast() {
        #expect(Priority.allCases.sorted() == [.low, .medium, .high])
        #expect(Severity.allCases.sorted() == [.info, .low, .medium, .high, .critical])
        #expect(Severity.critical > .high && Priority.high > .low)
    }

    @Test func healthReportIsOKOnlyWhenEveryServiceIs() {
        let allOK = HealthReport(services: ["auth": .ok, "projects": .ok])
        #expect(allOK.status == .ok && allOK.httpStatus == 200)
        let degraded = HealthReport(services: ["auth": .ok, "ai": .degraded])
        #expect(degraded.status == .degraded && degraded.httpStatus == 200)
        let down = HealthReport(services: ["auth": .ok, "memory": .down])
        #expect(down.status == .degraded && down.httpStatus == 503)
    }

    @Test func lockStatusFromProjectLock() {
        #expect(LockStatus(nil) == .unlocked)
        #expect(LockStatus(ProjectLock(holderId: Fixture.userA, expiresAt: Fixture.date)) == LockStatus(locked: true, holderId: Fixture.userA, expiresAt: Fixture.date))
    }

    @Test func projectVisibility() {
        #expect(Fixture.project.isVisible(to: Fixture.userA))
        #expect(Fixture.project.isVisible(to: Fixture.userB))
        #expect(!Fixture.project.isVisible(to: Fixture.userC))
    }

    @Test func typeNamesFollowTheSwiftTypes() {
        #expect(TypeName.of(Project.self) == "Project")
        #expect(TypeName.of(Page<Project>.self) == "Page<Project>")
        #expect(TypeName.array(of: Suggestion.self) == "[Suggestion]")
    }
}
