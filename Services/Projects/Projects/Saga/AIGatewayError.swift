/// Why the AI gateway gave no analysis; the text ends up as the failed step's `error` in the saga log.
enum AIGatewayError: Error, Sendable, CustomStringConvertible {
    case unreachable(String)
    case timedOut(Duration)
    /// It answered, but not 200; `code` is the error code of its error body when it had one.
    case refused(status: Int, code: String?)
    case unreadable(String)

    var description: String {
        switch self {
        case .unreachable(let reason): "the AI gateway could not be reached (\(reason))"
        case .timedOut(let timeout): "the AI gateway did not answer within \(timeout)"
        case .refused(let status, let code): "the AI gateway answered HTTP \(status)" + (code.map { " \($0)" } ?? "")
        case .unreadable(let reason): "the AI gateway's answer is not a CodeAnalysis (\(reason))"
        }
    }
}
