import Contracts
import Foundation

/// An HTTP answer as a test sees it: status, headers, body text, and the error body when there is one.
public struct RawResponse: Sendable {
    public let status: Int
    public let headers: [(String, String)]
    public let body: String

    public init(status: Int, headers: [(String, String)] = [], body: String) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }

    public var error: ErrorBody.Payload? {
        (try? JSONCoding.makeDecoder().decode(ErrorBody.self, from: Data(body.utf8)))?.error
    }

    public func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONCoding.makeDecoder().decode(type, from: Data(body.utf8))
    }
}
