/// How a call guarded by a circuit breaker ended.
public enum CallOutcome: Sendable, Hashable {
    /// The dependency answered; this includes answers that are errors for the caller but prove the dependency
    /// healthy (a 404, a validation error).
    case success
    /// The dependency failed (connection refused, 5xx, timeout).
    case failure
    /// The call ended without saying anything about the dependency (the caller cancelled, the request was
    /// rejected locally). It is not counted, and in half-open it gives its probe slot back.
    case ignored
}
