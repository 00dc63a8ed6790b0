import Contracts

/// Why the AI gateway gave no analysis; the text ends up as the failed step's `error` in the saga log.
enum AIGatewayError: Error, Sendable, CustomStringConvertible {
    case unreachable(String)
    case timedOut(Duration)
    /// It answered, but not 200; `error` is its error body when it had one.
    case refused(status: Int, error: ErrorBody.Payload?)
    case unreadable(String)

    var description: String {
        switch self {
        case .unreachable(let reason): "the AI gateway could not be reached (\(reason))"
        case .timedOut(let timeout): "the AI gateway did not answer within \(timeout)"
        case .refused(let status, let error): "the AI gateway answered HTTP \(status)" + (error.map { " \($0.code)" } ?? "")
        case .unreadable(let reason): "the AI gateway's answer is not a CodeAnalysis (\(reason))"
        }
    }

    /// The AI gateway found the request itself unusable (400 `VALIDATION_FAILED`: empty code, an unknown `language`,
    /// code no analyzer can tell): the caller's input, not the fleet, failed — its message and field.
    var invalidInput: (message: String, field: JSONValue?)? {
        guard case .refused(400, let error?) = self, error.code == ErrorCode.validationFailed.rawValue else { return nil }
        return (error.message, error.details?["field"])
    }
}
