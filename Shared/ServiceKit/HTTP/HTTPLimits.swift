/// Limits docs/api.md makes binding for every route.
public enum HTTPLimits {
    /// Bodies over 1 MiB are answered 413 PAYLOAD_TOO_LARGE.
    public static let maxBodyBytes = 1 << 20
    /// Longest `X-Request-ID` accepted from a client; longer or odd ones are replaced by a generated id.
    public static let maxRequestIdLength = 128
}
