import Foundation

/// One step of a saga. `compensated` marks a completed step that was undone after a later step failed.
public enum SagaStepStatus: String, Codable, Sendable, CaseIterable {
    case pending
    case running
    case completed
    case failed
    case compensated
}
