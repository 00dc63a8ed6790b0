import Contracts
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The `AuthToken` of the last `login`, kept in one JSON file only its owner can read.
struct TokenStore {
    let path: String

    /// `$DEVMENTOR_TOKEN_FILE`, else `~/.config/devmentor/token.json`.
    static func fromEnvironment() -> TokenStore {
        if let path = ProcessInfo.processInfo.environment["DEVMENTOR_TOKEN_FILE"], !path.isEmpty {
            return TokenStore(path: path)
        }
        let home = FileManager.default.homeDirectoryForCurrentUser
        return TokenStore(path: home.appendingPathComponent(".config/devmentor/token.json").path)
    }

    func load() throws(AppError) -> AuthToken {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AppError(.unauthorized, "Not logged in: there is no token at \(path); run `devmentor login` first.")
        }
        do {
            return try JSONCoding.makeDecoder().decode(AuthToken.self, from: data)
        } catch {
            throw AppError(.unauthorized, "\(path) holds no readable token; run `devmentor login` again.")
        }
    }

    /// Writes a temporary file created with mode 0600 and renames it over the old one, so the token is never
    /// readable by others, not even for a moment, and a crash mid-write leaves the previous token intact.
    func save(_ token: AuthToken) throws(AppError) {
        let data: Data
        do {
            data = try JSONCoding.makeEncoder().encode(token)
        } catch {
            throw AppError(.internal, "The token cannot be encoded: \(error)")
        }
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            do {
                try FileManager.default.createDirectory(
                    atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700]
                )
            } catch {
                throw AppError(.internal, "Cannot create \(directory) for the token: \(error.localizedDescription)")
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
            let error = failure("move the token to \(path)")
            unlink(temporary)
            throw error
        }
    }

    func delete() throws(AppError) {
        guard unlink(path) == 0 || errno == ENOENT else { throw failure("delete \(path)") }
    }

    /// An AppError naming what failed and the current `errno`.
    private func failure(_ what: String) -> AppError {
        AppError(.internal, "Cannot \(what): \(String(cString: strerror(errno))).")
    }
}
