import Contracts
import Foundation
import Synchronization

/// An `AppError` in words for a terminal: its code, then a sentence that uses what `details` says (who holds a
/// lock and until when, which field is wrong, the current version).
enum ErrorText {
    /// Set once a command knows who is logged in, so a lock held by the caller itself reads "you".
    static let currentUser = Mutex<UUID?>(nil)

    static func describe(_ error: AppError) -> String {
        "\(error.code.rawValue) — \(sentence(error))"
    }

    private static func sentence(_ error: AppError) -> String {
        let details = error.details ?? [:]
        switch error.code {
        case .resourceLocked:
            guard let holder = details["holderId"]?.stringValue else { return error.message }
            let who: String
            if let name = details["holderName"]?.stringValue ?? details["holderDisplayName"]?.stringValue {
                who = name
            } else if let id = UUID(uuidString: holder), id == currentUser.withLock({ $0 }) {
                who = "you (another claim of yours)"
            } else {
                who = "user \(holder.lowercased())"
            }
            let until = details["expiresAt"]?.stringValue.flatMap(Format.parseDate).map { " until \(Format.time($0))" } ?? ""
            return "the project is being edited by \(who)\(until)"
        case .versionConflict:
            if case .number(let current)? = details["currentVersion"] {
                return "\(error.message) It is at version \(Int(current)) now; show it and edit again."
            }
            return error.message
        case .validationFailed:
            if let field = details["field"]?.stringValue, !error.message.contains(field) {
                return "\(error.message) (field \(field))"
            }
            return error.message
        default:
            return error.message
        }
    }
}
