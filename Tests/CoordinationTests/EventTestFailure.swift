/// A test precondition that did not hold (a server that would not start, a wait that timed out).
struct EventTestFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
