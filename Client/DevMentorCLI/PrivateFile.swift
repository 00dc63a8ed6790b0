import Contracts
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Files only their owner can read (the tokens, the remembered claims), written so that no one else can read them
/// even for a moment and a crash mid-write leaves the previous content intact.
enum PrivateFile {
    /// Writes a temporary file created with mode 0600 and renames it over the old one; the folder is created 0700.
    static func save(_ data: Data, to path: String) throws(AppError) {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            do {
                try FileManager.default.createDirectory(
                    atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700]
                )
            } catch {
                throw AppError(.internal, "Cannot create \(directory): \(error.localizedDescription)")
            }
        }
        let temporary = "\(path).\(getpid()).tmp"
        unlink(temporary)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else { throw failure("create \(temporary)") }
        // The mode given to open() is reduced by the umask; fchmod sets exactly owner read/write.
        var written = fchmod(fd, 0o600) == 0
        if written {
            written = data.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let count = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                    if count < 0 {
                        if errno == EINTR { continue }
                        return false
                    }
                    offset += count
                }
                return fsync(fd) == 0
            }
        }
        let error = written ? nil : failure("write \(temporary)")
        close(fd)
        if let error {
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let error = failure("move \(temporary) to \(path)")
            unlink(temporary)
            throw error
        }
    }

    static func delete(_ path: String) throws(AppError) {
        guard unlink(path) == 0 || errno == ENOENT else { throw failure("delete \(path)") }
    }

    /// An AppError naming what failed and the current `errno`.
    private static func failure(_ what: String) -> AppError {
        AppError(.internal, "Cannot \(what): \(String(cString: strerror(errno))).")
    }
}
