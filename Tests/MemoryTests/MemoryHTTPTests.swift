import Contracts
import Foundation
@testable import Memory
import Testing
import TestSupport

/// The HTTP surface through the real gateway: encoded keys, bad input answered 400 (never 500), tokens required.
@Suite("Memory over HTTP")
struct MemoryHTTPTests {
    @Test func keysArePercentDecodedFromThePath() async throws {
        try await MemoryFixture.run { fixture in
            let user = try await fixture.signIn()
            let put = try await fixture.send("PUT", "/api/v1/memory/kv/cache%3Auser%2F1%3Fx%3D%5Ba%5D", as: user, body: #"{"data":{"a":1}}"#)
            #expect(put.status == 204)
            let entry = try await fixture.memory[0].retrieve(key: "cache:user/1?x=[a]", caller: user.caller)
            #expect(entry.data == .object(["a": .number(1)]))
            let get = try await fixture.send("GET", "/api/v1/memory/kv/cache%3Auser%2F1%3Fx%3D%5Ba%5D", as: user)
            #expect(get.status == 200)
            #expect(get.body.contains(#""key":"cache:user\/1?x=[a]""#) || get.body.contains(#""key":"cache:user/1?x=[a]""#))
            #expect(get.body.contains(#""expiresAt":null"#))
        }
    }

    /// HTTP clients re-encode a stray `%` before sending, so this is checked on the decoder itself.
    @Test func malformedPercentEscapesAreRefused() {
        #expect(MemoryController.percentDecoded("cache%3Aa%2Fb") == "cache:a/b")
        #expect(MemoryController.percentDecoded("%7e%7E") == "~~")
        #expect(MemoryController.percentDecoded("%ZZ") == nil)
        #expect(MemoryController.percentDecoded("a%2") == nil)
        #expect(MemoryController.percentDecoded("%") == nil)
        #expect(MemoryController.percentDecoded("%FF") == nil, "not UTF-8")
    }

    @Test func badInputIs400() async throws {
        try await MemoryFixture.run { fixture in
            let user = try await fixture.signIn()
            let cases: [(String, String, String?, String)] = [
                ("PUT", "/api/v1/memory/kv/a%00b", #"{"data":1}"#, "key"),
                ("PUT", "/api/v1/memory/kv/a%20b", #"{"data":1}"#, "key"),
                ("PUT", "/api/v1/memory/kv/%C3%A9", #"{"data":1}"#, "key"),
                // A literal `%` (sent as %25) is outside the alphabet: in a path it is ambiguous.
                ("PUT", "/api/v1/memory/kv/100%25", #"{"data":1}"#, "key"),
                ("PUT", "/api/v1/memory/kv/" + String(repeating: "k", count: 257), #"{"data":1}"#, "key"),
                ("PUT", "/api/v1/memory/kv/ok", #"{"ttlSeconds":5}"#, "data"),
                ("PUT", "/api/v1/memory/kv/ok", #"{"data":1,"ttlSeconds":0}"#, "ttlSeconds"),
                ("PUT", "/api/v1/memory/kv/ok", #"{"data":1,"ttlSeconds":"5"}"#, "ttlSeconds"),
                ("PUT", "/api/v1/memory/embeddings/\(UUID())", #"{"vector":[1,NaN]}"#, ""),
                ("PUT", "/api/v1/memory/embeddings/\(UUID())", #"{"vector":[]}"#, "vector"),
                ("PUT", "/api/v1/memory/embeddings/\(UUID())", #"{"vector":[1e39]}"#, "vector[0]"),
                ("PUT", "/api/v1/memory/embeddings/not-a-uuid", #"{"vector":[1]}"#, "id"),
                ("POST", "/api/v1/memory/embeddings/search", #"{"vector":[1],"limit":0}"#, "limit"),
                ("POST", "/api/v1/memory/embeddings/search", #"{"vector":[1],"limit":101}"#, "limit"),
                ("POST", "/api/v1/memory/invalidate", #"{"pattern":""}"#, "pattern"),
                ("POST", "/api/v1/memory/invalidate", #"{"pattern":"a b"}"#, "pattern"),
                ("POST", "/api/v1/memory/invalidate", #"{}"#, "pattern"),
                ("GET", "/api/v1/memory/kv?limit=0", nil, "limit"),
                ("GET", "/api/v1/memory/kv?limit=1001", nil, "limit"),
                ("GET", "/api/v1/memory/kv?limit=ten", nil, "limit"),
                ("GET", "/api/v1/memory/kv?pattern=a%20b", nil, "pattern"),
                ("GET", "/api/v1/memory/kv?cursor=garbage", nil, "cursor"),
                ("GET", "/api/v1/memory/kv?cursor=v1.1.-1", nil, "cursor"),
                ("GET", "/api/v1/memory/kv?cursor=v1.99999999999999999999999.0", nil, "cursor"),
            ]
            for (method, path, body, field) in cases {
                let response = try await fixture.send(method, path, as: user, body: body)
                #expect(response.status == 400, "\(method) \(path) \(body ?? "")")
                #expect(response.error?.code == "VALIDATION_FAILED", "\(method) \(path)")
                if !field.isEmpty { #expect(response.error?.details?["field"] == .string(field), "\(method) \(path) \(response.body)") }
            }
            let mismatch = try await fixture.send("PUT", "/api/v1/memory/embeddings/\(UUID())", as: user, body: #"{"vector":[1,2]}"#)
            #expect(mismatch.status == 204)
            let wrong = try await fixture.send("POST", "/api/v1/memory/embeddings/search", as: user, body: #"{"vector":[1,2,3]}"#)
            #expect(wrong.status == 400)
            #expect(wrong.error?.code == "DIMENSION_MISMATCH")
        }
    }

    @Test func everyRouteNeedsAToken() async throws {
        try await MemoryFixture.run { fixture in
            let routes: [(String, String, String?)] = [
                ("PUT", "/api/v1/memory/kv/a", #"{"data":1}"#), ("GET", "/api/v1/memory/kv/a", nil), ("DELETE", "/api/v1/memory/kv/a", nil),
                ("PUT", "/api/v1/memory/embeddings/\(UUID())", #"{"vector":[1]}"#),
                ("POST", "/api/v1/memory/embeddings/search", #"{"vector":[1]}"#),
                ("POST", "/api/v1/memory/invalidate", #"{"pattern":"*"}"#), ("POST", "/api/v1/memory/flush", nil),
            ]
            for (method, path, json) in routes {
                let viaGateway = try await fixture.send(method, path, body: json)
                #expect(viaGateway.status == 401, "\(method) \(path) via gateway")
                let direct = try await fixture.send(method, path, body: json, via: fixture.memoryURLs[0])
                #expect(direct.status == 401, "\(method) \(path) direct")
            }
        }
    }
}
