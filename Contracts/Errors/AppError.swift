/// The one error type of the fleet. Routes throw it; ServiceKit's error middleware renders it as the error body of
/// docs/api.md; the HTTP client decodes that body back into it, so a caller sees the same error in process and over HTTP.
public struct AppError: Error, Codable, Sendable, Equatable, CustomStringConvertible {
    public var code: ErrorCode
    public var message: String
    public var details: [String: JSONValue]?

    public init(_ code: ErrorCode, _ message: String, details: [String: JSONValue]? = nil) {
        self.code = code
        self.message = message
        self.details = details
    }

    public var httpStatus: Int { code.httpStatus }
    public var description: String { "\(code.rawValue): \(message)" }

    /// 400 VALIDATION_FAILED naming the offending field in `details.field`.
    public static func validation(_ field: String, _ message: String) -> AppError {
        AppError(.validationFailed, message, details: ["field": .string(field)])
    }

    public static func notFound(_ what: String) -> AppError {
        AppError(.notFound, "\(what) was not found.")
    }

    public static let unauthorized = AppError(.unauthorized, "A valid bearer token is required.")
    public static let forbidden = AppError(.forbidden, "You are not allowed to do this.")
    public static let `internal` = AppError(.internal, "Something went wrong on our side; the request id identifies it in our logs.")
}
