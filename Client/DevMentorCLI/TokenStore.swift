import Contracts
import Foundation

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

    func save(_ token: AuthToken) throws(AppError) {
        let data: Data
        do {
            data = try JSONCoding.makeEncoder().encode(token)
        } catch {
            throw AppError(.internal, "The token cannot be encoded: \(error)")
        }
        try PrivateFile.save(data, to: path)
    }

    func delete() throws(AppError) {
        try PrivateFile.delete(path)
    }
}
