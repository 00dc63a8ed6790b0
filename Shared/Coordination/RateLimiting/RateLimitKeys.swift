/// Every Redis key the rate limiter uses, in one place.
///
/// - `<prefix><subject>`: the subject's theoretical arrival time (TAT) in microseconds since the Unix epoch
///   of the Redis server's clock, as a decimal string. It expires when the TAT is reached, because an
///   absent key and a TAT in the past mean the same thing (a full burst), so idle subjects leave nothing.
enum RateLimitKeys {
    static func tat(_ subject: String, prefix: String) -> String {
        prefix + subject
    }
}
