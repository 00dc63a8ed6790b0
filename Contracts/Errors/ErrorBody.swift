/// The wire form of every error: `{"error": {"code", "message", "requestId", "details"}}`.
public struct ErrorBody: Codable, Sendable, Equatable {
    public struct Payload: Codable, Sendable, Equatable {
        public var code: String
        public var message: String
        public var requestId: String?
        public var details: [String: JSONValue]?

        public init(code: String, message: String, requestId: String?, details: [String: JSONValue]?) {
            self.code = code
            self.message = message
            self.requestId = requestId
            self.details = details
        }
    }

    public var error: Payload

    public init(_ error: AppError, requestId: String?) {
        self.error = Payload(code: error.code.rawValue, message: error.message, requestId: requestId, details: error.details)
    }

    /// The AppError this body describes; an unknown code (a newer server) reads as INTERNAL with the message kept.
    public var appError: AppError {
        AppError(ErrorCode(rawValue: error.code) ?? .internal, error.message, details: error.details)
    }
}
