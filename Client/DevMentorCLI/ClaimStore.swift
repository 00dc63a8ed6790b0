import Contracts
import Foundation

/// The claims `devmentor projects claim` took and has not released, by project, so `projects release ID` needs no
/// claim id. Kept beside the tokens (`claims.json`), readable by its owner only; a claim the fleet has let expire
/// is simply refused (409 `STALE_CLAIM`) when used, and forgotten then.
struct ClaimStore {
    let path: String

    static func beside(_ tokens: TokenStore) -> ClaimStore {
        let directory = (tokens.path as NSString).deletingLastPathComponent
        return ClaimStore(path: (directory as NSString).appendingPathComponent("claims.json"))
    }

    static func fromEnvironment() -> ClaimStore { beside(TokenStore.fromEnvironment()) }

    func all() -> [String: ClaimToken] {
        guard let data = FileManager.default.contents(atPath: path),
            let claims = try? JSONCoding.makeDecoder().decode([String: ClaimToken].self, from: data)
        else { return [:] }
        return claims
    }

    func claim(of project: UUID) -> ClaimToken? { all()[project.lowercasedString] }

    func remember(_ claim: ClaimToken) throws(AppError) {
        var claims = all().filter { $0.value.expiresAt > Date() }
        claims[claim.projectId.lowercasedString] = claim
        try save(claims)
    }

    func forget(_ project: UUID) throws(AppError) {
        var claims = all()
        guard claims.removeValue(forKey: project.lowercasedString) != nil else { return }
        try save(claims)
    }

    func deleteAll() throws(AppError) { try PrivateFile.delete(path) }

    private func save(_ claims: [String: ClaimToken]) throws(AppError) {
        let data: Data
        do {
            data = try JSONCoding.makeEncoder().encode(claims)
        } catch {
            throw AppError(.internal, "The claims cannot be encoded: \(error)")
        }
        try PrivateFile.save(data, to: path)
    }
}
