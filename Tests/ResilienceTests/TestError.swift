/// An error the tests throw on purpose, numbered so a test can tell which attempt threw it.
struct TestError: Error, Equatable {
    var attempt: Int = 0
    var retryable: Bool = true
}
