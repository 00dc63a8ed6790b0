import Foundation
import Testing
import Contracts

@Suite("Memory request validation")
struct MemoryValidationTests {
    static let keyCases: [(String, String, Bool)] = [
        ("1 character", "k", true),
        ("256 characters", text(256), true),
        ("257 characters", text(257), false),
        ("empty", "", false),
        ("namespaced", "cache:user/1?x=[a]", true),
        ("non-ASCII", "ключ-🔑", false),
        ("space", "a b", false),
        ("dot", ".", false),
        ("dot dot", "..", false),
        ("dots inside", "../a", true),
        ("glob characters", "a*b?[c]\\", true),
        ("NUL", "a\u{0}b", false),
        ("newline", "a\nb", false),
        ("tab", "a\tb", false),
        ("DEL", "a\u{7F}", false),
        ("C1 control NEL", "a\u{85}", false),
    ]

    @Test("memory keys", arguments: keyCases)
    func key(label: String, key: String, accepted: Bool) {
        expectValidation(label, field: accepted ? nil : "key") { () throws(AppError) in
            try MemoryRules.validateKey(key)
        }
    }

    static let storeCases: [ValidationCase] = [
        .valid("no ttl", StoreValueRequest(data: .object(["a": .number(1)]))),
        .valid("null data", StoreValueRequest(data: .null)),
        .valid("ttl 1", StoreValueRequest(data: .bool(true), ttlSeconds: 1)),
        .valid("ttl 30 days", StoreValueRequest(data: .bool(true), ttlSeconds: 2_592_000)),
        .invalid("ttl 0", StoreValueRequest(data: .bool(true), ttlSeconds: 0), field: "ttlSeconds"),
        .invalid("ttl 30 days + 1 s", StoreValueRequest(data: .bool(true), ttlSeconds: 2_592_001), field: "ttlSeconds"),
        .invalid("negative ttl", StoreValueRequest(data: .bool(true), ttlSeconds: -1), field: "ttlSeconds"),
    ]

    @Test("StoreValueRequest", arguments: storeCases)
    func store(_ testCase: ValidationCase) { check(testCase) }

    static let embeddingCases: [ValidationCase] = [
        .valid("1 dimension", StoreEmbeddingRequest(vector: [0.5])),
        .valid("4096 dimensions", StoreEmbeddingRequest(vector: Array(repeating: 0.1, count: 4096), metadata: .string("m"))),
        .invalid("4097 dimensions", StoreEmbeddingRequest(vector: Array(repeating: 0.1, count: 4097)), field: "vector"),
        .invalid("empty", StoreEmbeddingRequest(vector: []), field: "vector"),
        .invalid("NaN", StoreEmbeddingRequest(vector: [1, .nan]), field: "vector[1]"),
        .invalid("Infinity", StoreEmbeddingRequest(vector: [1, 2, 3, .infinity]), field: "vector[3]"),
        .invalid("-Infinity", StoreEmbeddingRequest(vector: [-.infinity]), field: "vector[0]"),
        .invalid("all zeros", StoreEmbeddingRequest(vector: [0, 0, 0]), field: "vector"),
        .valid("negative and tiny values", StoreEmbeddingRequest(vector: [-1, .leastNonzeroMagnitude, 0])),
    ]

    @Test("StoreEmbeddingRequest", arguments: embeddingCases)
    func embedding(_ testCase: ValidationCase) { check(testCase) }

    static let searchCases: [ValidationCase] = [
        .valid("limit 1", SimilaritySearchRequest(vector: [1, 0], limit: 1)),
        .valid("limit 100", SimilaritySearchRequest(vector: [1, 0], limit: 100)),
        .invalid("limit 0", SimilaritySearchRequest(vector: [1, 0], limit: 0), field: "limit"),
        .invalid("limit 101", SimilaritySearchRequest(vector: [1, 0], limit: 101), field: "limit"),
        .invalid("empty vector", SimilaritySearchRequest(vector: []), field: "vector"),
        .invalid("NaN", SimilaritySearchRequest(vector: [.nan]), field: "vector[0]"),
        .invalid("4097 dimensions", SimilaritySearchRequest(vector: Array(repeating: 1, count: 4097)), field: "vector"),
        .invalid("all zeros", SimilaritySearchRequest(vector: [0]), field: "vector"),
    ]

    @Test("SimilaritySearchRequest", arguments: searchCases)
    func search(_ testCase: ValidationCase) { check(testCase) }

    @Test func searchLimitDefaultsTo10WhenAbsent() throws {
        let request = try JSON.decode(SimilaritySearchRequest.self, #"{"vector":[1,2]}"#)
        #expect(request == SimilaritySearchRequest(vector: [1, 2], limit: 10))
        #expect(try JSON.decode(SimilaritySearchRequest.self, #"{"vector":[1],"limit":5}"#).limit == 5)
        #expect(throws: DecodingError.self) { try JSON.decode(SimilaritySearchRequest.self, #"{"limit":5}"#) }
        #expect(throws: DecodingError.self) { try JSON.decode(SimilaritySearchRequest.self, #"{"vector":[1],"limit":"5"}"#) }
    }

    @Test func storeValueNeedsDataButAcceptsNull() throws {
        #expect(try JSON.decode(StoreValueRequest.self, #"{"data":null}"#) == StoreValueRequest(data: .null))
        #expect(throws: DecodingError.self) { try JSON.decode(StoreValueRequest.self, #"{"ttlSeconds":5}"#) }
    }

    static let patternCases: [ValidationCase] = [
        .valid("star", InvalidateRequest(pattern: "*")),
        .valid("prefix glob", InvalidateRequest(pattern: "cache:*")),
        .valid("256 characters", InvalidateRequest(pattern: text(255) + "*")),
        .invalid("257 characters", InvalidateRequest(pattern: text(256) + "*"), field: "pattern"),
        .invalid("empty", InvalidateRequest(pattern: ""), field: "pattern"),
        .invalid("newline", InvalidateRequest(pattern: "a\n*"), field: "pattern"),
        .invalid("space", InvalidateRequest(pattern: "a *"), field: "pattern"),
        .invalid("non-ASCII", InvalidateRequest(pattern: "é*"), field: "pattern"),
        .valid("escapes and classes", InvalidateRequest(pattern: "a\\*[^b]?")),
    ]

    @Test("InvalidateRequest", arguments: patternCases)
    func invalidate(_ testCase: ValidationCase) { check(testCase) }
}
