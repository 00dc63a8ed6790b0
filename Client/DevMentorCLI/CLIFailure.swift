/// A failure of the command line itself rather than of the fleet: a file it cannot read, an editor that exited
/// with an error, input it cannot parse. Printed as `error: <message>`.
struct CLIFailure: Error, CustomStringConvertible {
    var message: String
    var status: Int32 = ExitStatus.refused

    init(_ message: String, status: Int32 = ExitStatus.refused) {
        self.message = message
        self.status = status
    }

    var description: String { message }
}
