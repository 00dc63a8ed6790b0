import Contracts
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `$VISUAL` or `$EDITOR` (else `vi`) on a private temporary file. The file stays when a later step fails, so the
/// edited text is never lost; `discard()` removes it.
struct ProjectEditor: Sendable {
    let path: String

    init(projectId: UUID) {
        let name = "devmentor-project-\(projectId.lowercasedString)-\(UUID().uuidString.prefix(8).lowercased()).txt"
        path = (NSTemporaryDirectory() as NSString).appendingPathComponent(name)
    }

    static var command: String {
        let environment = ProcessInfo.processInfo.environment
        for name in ["VISUAL", "EDITOR"] {
            if let value = environment[name], !value.trimmingCharacters(in: .whitespaces).isEmpty { return value }
        }
        return "vi"
    }

    /// Writes `text`, runs the editor on it in the foreground and returns what was saved.
    func edit(_ text: String) async throws -> String {
        try PrivateFile.save(Data(text.utf8), to: path)
        let editor = Self.command
        // Through the shell, so an EDITOR with arguments (`code --wait`) works; the path travels as "$1", unquoted by no one.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "\(editor) \"$1\"", "devmentor-editor", path]
        let status: Int32 = try await Interrupt.shielded {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Int32, any Error>) in
                process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
                do {
                    try process.run()
                } catch {
                    process.terminationHandler = nil
                    continuation.resume(throwing: CLIFailure("Cannot start the editor `\(editor)`: \(error.localizedDescription)"))
                }
            }
        }
        guard status == 0 else {
            throw CLIFailure("The editor `\(editor)` exited with status \(status); nothing was saved. The text is in \(path).")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIFailure("The edited file \(path) is gone; nothing was saved.")
        }
        return String(decoding: data, as: UTF8.self)
    }

    func discard() { unlink(path) }
}
