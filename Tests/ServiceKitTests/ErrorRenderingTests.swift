import Contracts
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import ServiceKit
import Testing

/// The shared middleware seen from a client: every failure becomes the error body of docs/api.md, with the request id.
@Suite("Errors are rendered once, in the docs/api.md body")
struct ErrorRenderingTests {
    struct Payload: Decodable, Validatable {
        var name: String
        var tags: [String]
        func validate() throws(AppError) { try Check.length(name, "name", 1...5) }
    }

    struct Leaky: Error, CustomStringConvertible { var description: String { "password=hunter2 at db.internal:5432" } }

    static func makeApp() -> some ApplicationProtocol {
        let router = ServiceApplication.makeRouter()
        router.post("/echo") { request, context in
            let payload = try await request.decodeValidated(Payload.self, context: context)
            return JSONBody(["name": payload.name])
        }
        router.get("/conflict") { _, _ -> HTTPResponse.Status in throw AppError(.versionConflict, "stale", details: ["current": .number(3)]) }
        router.get("/crash") { _, _ -> HTTPResponse.Status in throw Leaky() }
        return Application(router: router)
    }

    static func error(_ response: TestResponse) throws -> ErrorBody.Payload {
        try JSONCoding.makeDecoder().decode(ErrorBody.self, from: Data(buffer: response.body)).error
    }

    @Test(arguments: [
        (#"{"name":"ok","tags":"x"}"#, "tags"),
        (#"{"name":"ok","tags":[1]}"#, "tags[0]"),
        (#"{"tags":[]}"#, "name"),
        (#"{"name":"toolong","tags":[]}"#, "name"),
        (#"{"name":"#, "body"),
        ("", "body"),
    ])
    func badBodiesName(body: String, field: String) async throws {
        try await Self.makeApp().test(.router) { client in
            try await client.execute(uri: "/echo", method: .post, body: ByteBuffer(string: body)) { response in
                #expect(response.status == .badRequest)
                let error = try Self.error(response)
                #expect(error.code == "VALIDATION_FAILED")
                #expect(error.details?["field"] == .string(field))
                #expect(error.requestId == response.headers[.xRequestID])
            }
        }
    }

    @Test func appErrorsKeepTheirCodeStatusAndDetails() async throws {
        try await Self.makeApp().test(.router) { client in
            try await client.execute(uri: "/conflict", method: .get, headers: [.xRequestID: "abc-123"]) { response in
                #expect(response.status == .preconditionFailed)
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
                let error = try Self.error(response)
                #expect(error.code == "VERSION_CONFLICT")
                #expect(error.details?["current"] == .number(3))
                #expect(error.requestId == "abc-123")
            }
        }
    }

    @Test func unexpectedErrorsAre500WithoutInternals() async throws {
        try await Self.makeApp().test(.router) { client in
            try await client.execute(uri: "/crash", method: .get) { response in
                #expect(response.status == .internalServerError)
                let text = String(buffer: response.body)
                #expect(!text.contains("hunter2"))
                #expect(!text.contains("db.internal"))
                let code = try Self.error(response).code
                #expect(code == "INTERNAL")
            }
        }
    }

    @Test func unknownRoutesAre404AndOversizedBodies413() async throws {
        try await Self.makeApp().test(.router) { client in
            try await client.execute(uri: "/nowhere", method: .get) { response in
                #expect(response.status == .notFound)
                let code = try Self.error(response).code
                #expect(code == "NOT_FOUND")
            }
            let big = ByteBuffer(repeating: UInt8(ascii: "a"), count: HTTPLimits.maxBodyBytes + 1)
            try await client.execute(uri: "/echo", method: .post, body: big) { response in
                #expect(response.status == .contentTooLarge)
                let code = try Self.error(response).code
                #expect(code == "PAYLOAD_TOO_LARGE")
            }
        }
    }

    @Test func metricsAreExposedInPrometheusFormat() async throws {
        _ = Observability.setUp(service: "test", level: .warning)
        let router = ServiceApplication.makeRouter()
        router.addObservabilityRoutes(service: "test", readiness: [ReadinessCheck(name: "always") {}])
        try await Application(router: router).test(.router) { client in
            _ = try await client.execute(uri: "/health", method: .get) { _ in }
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .ok)
                let text = String(buffer: response.body)
                #expect(text.contains("hb_requests"))
                #expect(text.contains("http_route=\"/health\""))
            }
            try await client.execute(uri: "/ready", method: .get) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test func readinessFailsWhenADependencyIsDown() async throws {
        struct Down: Error {}
        let report = await ReadinessProbe.run([
            ReadinessCheck(name: "up") {},
            ReadinessCheck(name: "down") { throw Down() },
            ReadinessCheck(name: "hung") { try await Task.sleep(for: .seconds(30)) },
        ], timeout: .milliseconds(200))
        #expect(report.status == "degraded")
        #expect(report.checks == ["up": "ok", "down": "down", "hung": "down"])
    }
}
