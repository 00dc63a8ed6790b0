import Foundation

public enum LearningRules {
    public static let progress = 0...100
    /// One submission answers at most this many questions; no quiz is longer.
    public static let maxAnswers = 100
    /// A question offers at most this many choices, so a `choice` index beyond it is wrong for every quiz.
    public static let maxChoices = 26
    /// The share of correct answers (in percent) a quiz needs to be passed.
    public static let passingScore = 70.0
}
