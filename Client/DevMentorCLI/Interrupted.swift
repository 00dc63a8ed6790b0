/// Ctrl-C (SIGINT) or SIGTERM arrived while an `Interrupt.run` scope was running.
struct Interrupted: Error, CustomStringConvertible {
    var signal: Int32
    var description: String { signal == 15 ? "terminated" : "interrupted" }
}
