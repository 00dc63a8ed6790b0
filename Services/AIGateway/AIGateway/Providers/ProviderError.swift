/// Why a remote provider gave no usable answer.
public enum ProviderError: Error, Sendable, CustomStringConvertible {
    case status(Int)
    case malformed(String)
    case timedOut

    public var description: String {
        switch self {
        case .status(let code): "the provider answered HTTP \(code)"
        case .malformed(let why): "the provider's answer is not in its protocol: \(why)"
        case .timedOut: "the provider did not answer in time"
        }
    }
}
