import Contracts
import Foundation

/// A quiz of the curriculum with its answers; only `publicQuiz` leaves the service.
public struct CurriculumQuiz: Codable, Sendable, Equatable {
    public struct Question: Codable, Sendable, Equatable {
        public var id: UUID
        public var text: String
        public var choices: [String]
        /// The 0-based index of the right entry of `choices`.
        public var answer: Int
        /// Why the answer is right; shown for every wrong answer.
        public var explanation: String
    }

    public var id: UUID
    public var title: String
    /// The key of the module the quiz examines.
    public var module: String
    public var questions: [Question]
}
