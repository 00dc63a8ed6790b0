import ArgumentParser
import Contracts
import Foundation

/// What the commands print: sentences or pretty JSON on stdout; failures as one `error: CODE — sentence` line on
/// stderr (and, with `--json`, the API's error body on stdout), then the exit status of `ExitStatus`.
enum Output {
    static func json(_ value: some Encodable) throws {
        let encoder = JSONCoding.makeEncoder()
        encoder.outputFormatting.insert(.prettyPrinted)
        Terminal.out(String(decoding: try encoder.encode(value), as: UTF8.self) + "\n")
    }

    /// One compact JSON document on one line (a stream of them is NDJSON).
    static func jsonLine(_ value: some Encodable) throws {
        Terminal.out(String(decoding: try JSONCoding.makeEncoder().encode(value), as: UTF8.self) + "\n")
    }

    static func line(_ text: String = "") { Terminal.out(text + "\n") }

    /// Prints `value` as JSON with `--json`, else the sentences `text` makes of it.
    static func emit<Value: Encodable>(_ value: Value, _ options: OutputOptions, text: (Value) -> String) throws {
        if options.json {
            try json(value)
        } else {
            let rendered = text(value)
            if !rendered.isEmpty { line(rendered) }
        }
    }

    /// Reports `error` and ends the process with its exit status.
    static func fail(_ error: any Error, json: Bool) -> Never {
        switch error {
        case let error as AppError:
            if json, let body = try? JSONCoding.makeEncoder().encode(ErrorBody(error, requestId: nil)) {
                Terminal.out(String(decoding: body, as: UTF8.self) + "\n")
            }
            Terminal.note("error: " + ErrorText.describe(error))
            exit(ExitStatus.of(error))
        case let error as CLIFailure:
            Terminal.note("error: \(error.message)")
            exit(error.status)
        case is Interrupted, is CancellationError:
            Terminal.note("interrupted")
            exit(ExitStatus.interrupted)
        default:
            DevMentor.exit(withError: error)
        }
    }
}
