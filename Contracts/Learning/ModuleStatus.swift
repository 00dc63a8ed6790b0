import Foundation

/// Where a user stands in one module of the learning path.
public enum ModuleStatus: String, Codable, Sendable, CaseIterable {
    case notStarted
    case inProgress
    case completed

    /// The status a progress percentage implies: 0 not started, 100 completed, anything between in progress.
    public init(progress: Int) {
        switch progress {
        case ...0: self = .notStarted
        case 100...: self = .completed
        default: self = .inProgress
        }
    }
}
