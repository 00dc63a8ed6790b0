import Contracts

/// The exit statuses of `devmentor` (docs/cli.md), so a script can tell "refused" from "try again later".
enum ExitStatus {
    static let success: Int32 = 0
    /// The fleet refused the request (its error code is printed), or a local step failed (a file, the editor).
    static let refused: Int32 = 1
    /// Not logged in, or the session ended: `devmentor login` again.
    static let unauthenticated: Int32 = 2
    /// The fleet could not answer now (unreachable, overloaded, rate limited, timed out): retrying later may work.
    static let unavailable: Int32 = 3
    /// Bad command line (ArgumentParser's usage error).
    static let usage: Int32 = 64
    /// Ended by Ctrl-C (or SIGTERM) before it finished — except `events`, for which that is the normal end.
    static let interrupted: Int32 = 130

    static func of(_ error: AppError) -> Int32 {
        switch error.httpStatus {
        case 401: unauthenticated
        case 408, 429, 500...: unavailable
        default: refused
        }
    }
}
