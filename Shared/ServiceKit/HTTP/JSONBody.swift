import Contracts
import Foundation
import HTTPTypes
import Hummingbird

/// A JSON response with a status: `return JSONBody(user, status: .created)`.
public struct JSONBody<Value: Encodable & Sendable>: ResponseGenerator {
    public var value: Value
    public var status: HTTPResponse.Status

    public init(_ value: Value, status: HTTPResponse.Status = .ok) {
        self.value = value
        self.status = status
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        // A DTO that writes its own JSON (`JSONTextWritable`, the same bytes) skips `JSONEncoder`.
        let body = if let writable = value as? any JSONTextWritable {
            ByteBuffer(bytes: writable.jsonText())
        } else {
            ByteBuffer(bytes: try SharedCoders.encoder.encode(value))
        }
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: body))
    }
}
