import Foundation

/// Where a user stands in one module of the learning path.
///
/// `locked` until every prerequisite is completed (and, for a practice module, until the project activity that
/// opens it happened); then `available`. Recorded progress wins over both: 1...99 is `inProgress`, 100 `completed`.
public enum ModuleStatus: String, Codable, Sendable, CaseIterable {
    case locked
    case available
    case inProgress
    case completed

    /// The status of a module with `progress` percent done whose prerequisites are met (`unlocked`) or not.
    public init(progress: Int, unlocked: Bool) {
        switch progress {
        case 100...: self = .completed
        case 1...: self = .inProgress
        default: self = unlocked ? .available : .locked
        }
    }
}
