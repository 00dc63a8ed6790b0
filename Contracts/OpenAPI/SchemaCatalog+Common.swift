import Foundation

/// Common/ and Errors/: the error body every route can answer with and the enums several areas share.
extension SchemaCatalog {
    static let common: [String: OpenAPISchema] = [
        "ErrorBody": .object([
            "error": .ref("ErrorBody.Payload"),
        ]),
        "ErrorBody.Payload": .object([
            "code": .ref(ErrorCode.self),
            "message": .string.described("A human sentence; not for programs to parse."),
            "requestId": .string.optional.described("The `X-Request-ID` of the request, to find it in the logs."),
            "details": .map(.any).optional.described("Code-specific facts, e.g. `field` for `VALIDATION_FAILED`."),
        ]),
        "ErrorCode": .stringEnum(ErrorCode.self),
        "Priority": .stringEnum(Priority.self),
        "BreakerState": .stringEnum(BreakerState.self),
    ]
}
