import Foundation

/// A saga as a whole: `compensated` means a step failed and every completed step was undone;
/// `failed` means compensation itself could not finish (an operator has to look).
public enum SagaStatus: String, Codable, Sendable, CaseIterable {
    case running
    case completed
    case compensated
    case failed
}
