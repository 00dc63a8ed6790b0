import Foundation
import Testing
import Contracts

@Suite("Projects request validation")
struct ProjectValidationTests {

    static let createCases: [ValidationCase] = [
        .valid("name of 1 character", CreateProjectRequest(name: "a")),
        .valid("name of 200 characters", CreateProjectRequest(name: text(200))),
        // Lengths count what is sent, padding included, as the schema's maxLength does (the name is stored trimmed).
        .invalid("name of 200 characters inside spaces", CreateProjectRequest(name: "  " + text(200) + "  "), field: "name"),
        .valid("name of 196 characters inside spaces", CreateProjectRequest(name: "  " + text(196) + "  ")),
        .invalid("name of 201 characters", CreateProjectRequest(name: text(201)), field: "name"),
        .invalid("empty name", CreateProjectRequest(name: ""), field: "name"),
        .invalid("blank name", CreateProjectRequest(name: " \n\t "), field: "name"),
        .invalid("name with a newline inside", CreateProjectRequest(name: "a\nb"), field: "name"),
        .valid("200 emoji count as 200 characters", CreateProjectRequest(name: text(200, "🚀"))),
        .valid("empty description", CreateProjectRequest(name: "a", description: "")),
        .valid("description of 10 000 characters", CreateProjectRequest(name: "a", description: text(10_000))),
        .invalid("description of 10 001 characters", CreateProjectRequest(name: "a", description: text(10_001)), field: "description"),
    ]

    @Test("CreateProjectRequest", arguments: createCases)
    func create(_ testCase: ValidationCase) { check(testCase) }

    static let updateCases: [ValidationCase] = [
        .valid("empty patch", UpdateProjectRequest()),
        .valid("status only", UpdateProjectRequest(status: .archived)),
        .valid("name of 200 characters", UpdateProjectRequest(name: text(200))),
        .invalid("name of 201 characters", UpdateProjectRequest(name: text(201)), field: "name"),
        .invalid("empty name", UpdateProjectRequest(name: ""), field: "name"),
        .valid("description of 10 000 characters", UpdateProjectRequest(description: text(10_000))),
        .invalid("description of 10 001 characters", UpdateProjectRequest(description: text(10_001)), field: "description"),
    ]

    @Test("UpdateProjectRequest", arguments: updateCases)
    func update(_ testCase: ValidationCase) { check(testCase) }

    static let claimCases: [ValidationCase] = [
        .valid("no ttl", ClaimRequest()),
        .valid("ttl 1", ClaimRequest(ttlSeconds: 1)),
        .valid("ttl 3600", ClaimRequest(ttlSeconds: 3600)),
        .invalid("ttl 0", ClaimRequest(ttlSeconds: 0), field: "ttlSeconds"),
        .invalid("ttl 3601", ClaimRequest(ttlSeconds: 3601), field: "ttlSeconds"),
        .invalid("negative ttl", ClaimRequest(ttlSeconds: -5), field: "ttlSeconds"),
        .valid("any collaborator id", AddCollaboratorRequest(userId: Fixture.userB)),
    ]

    @Test("ClaimRequest and AddCollaboratorRequest", arguments: claimCases)
    func claim(_ testCase: ValidationCase) { check(testCase) }

    @Test func claimDefaultsTo300Seconds() {
        #expect(ClaimRequest().effectiveTTLSeconds == 300)
        #expect(ClaimRequest(ttlSeconds: 60).effectiveTTLSeconds == 60)
    }

    static let withAnalysisCases: [ValidationCase] = {
        func request(name: String = "p", description: String? = nil, code: String = "let x = 1", language: String? = nil) -> CreateProjectWithAnalysisRequest {
            CreateProjectWithAnalysisRequest(name: name, description: description, code: code, language: language)
        }
        return [
            .valid("typical", request(description: "d", language: "swift")),
            .invalid("empty name", request(name: ""), field: "name"),
            .invalid("name of 201 characters", request(name: text(201)), field: "name"),
            .invalid("description of 10 001 characters", request(description: text(10_001)), field: "description"),
            .valid("code of 1 byte", request(code: "x")),
            // The code goes to the AI gateway, whose limit (256 KiB) applies.
            .valid("code of 256 KiB", request(code: text(AIRules.maxCodeBytes))),
            .invalid("code of 256 KiB + 1 byte", request(code: text(AIRules.maxCodeBytes + 1)), field: "code"),
            .invalid("code over 256 KiB by multi-byte characters", request(code: text(AIRules.maxCodeBytes / 2 + 1, "é")), field: "code"),
            .invalid("empty code", request(code: ""), field: "code"),
            .invalid("blank code", request(code: "  \n "), field: "code"),
            .valid("language of 50 characters", request(language: text(50))),
            .invalid("language of 51 characters", request(language: text(51)), field: "language"),
            .invalid("empty language", request(language: ""), field: "language"),
            .invalid("language with a control character", request(language: "sw\u{0}ift"), field: "language"),
        ]
    }()

    @Test("CreateProjectWithAnalysisRequest", arguments: withAnalysisCases)
    func withAnalysis(_ testCase: ValidationCase) { check(testCase) }

    @Test func withAnalysisSplitsIntoSagaSteps() {
        let request = CreateProjectWithAnalysisRequest(name: "p", description: "d", code: "c", language: "swift")
        #expect(request.createRequest == CreateProjectRequest(name: "p", description: "d"))
        #expect(request.analyzeRequest == AnalyzeCodeRequest(code: "c", language: "swift"))
    }

    static let ifMatchCases: [(String, Int?)] = [
        ("\"3\"", 3), ("3", 3), ("W/\"7\"", 7), (" \"12\" ", 12), ("\"1\"", 1),
        ("\"0\"", nil), ("\"-1\"", nil), ("abc", nil), ("\"\"", nil), ("", nil), ("\"3", nil),
    ]

    @Test("If-Match parsing", arguments: ifMatchCases)
    func ifMatch(header: String, version: Int?) {
        expectValidation("If-Match \(header)", field: version == nil ? ProjectHeaders.ifMatch : nil) { () throws(AppError) in
            let parsed = try ProjectHeaders.parseIfMatch(header)
            #expect(parsed == version)
        }
    }

    @Test func entityTagIsQuotedVersionAndParsesBack() throws {
        #expect(ProjectHeaders.entityTag(version: 4) == "\"4\"")
        #expect(try ProjectHeaders.parseIfMatch(ProjectHeaders.entityTag(version: 4)) == 4)
    }

    @Test func claimTokenHeader() throws {
        let id = Fixture.otherId
        #expect(try ProjectHeaders.parseClaimToken(id.lowercasedString) == id)
        #expect(try ProjectHeaders.parseClaimToken(" " + id.uuidString.lowercased() + " ") == id)
        expectValidation("not a uuid", field: "X-Claim-Token") { () throws(AppError) in
            _ = try ProjectHeaders.parseClaimToken("not-a-uuid")
        }
    }
}
