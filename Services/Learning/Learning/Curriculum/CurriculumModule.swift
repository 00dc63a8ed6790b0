import Contracts
import Foundation

/// One module of the curriculum: what it teaches, what it needs first, which analyzer rules it explains.
public struct CurriculumModule: Codable, Sendable, Equatable {
    /// A lesson of the module: a heading and its text.
    public struct Lesson: Codable, Sendable, Equatable {
        public var title: String
        public var body: String
    }

    /// The public id (`LearningPath.Module.id`); stable forever once shipped.
    public var id: UUID
    /// The name other entries of the file use for it (`prerequisites`, a quiz's `module`): lower-case words and
    /// hyphens.
    public var key: String
    public var title: String
    public var summary: String
    public var category: String
    /// Keys of the modules that must be completed before this one is available.
    public var prerequisites: [String]
    /// The analyzer rules whose findings this module explains (`RuleID` raw values in the file).
    public var rules: [RuleID]
    /// Project events that open this practice module for the users they concern (`project.claimed`…); empty for
    /// ordinary modules.
    public var unlockedBy: [EventType]
    public var estimatedMinutes: Int
    public var lessons: [Lesson]

    /// A practice module opens through project activity rather than through prerequisites alone.
    public var isPractice: Bool { !unlockedBy.isEmpty }
}
