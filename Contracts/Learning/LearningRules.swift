import Foundation

public enum LearningRules {
    public static let progress = 0...100
    /// One submission answers at most this many questions; no quiz is longer.
    public static let maxAnswers = 100
    /// A question offers at most this many choices, so a `choice` index beyond it is wrong for every quiz.
    public static let maxChoices = 26
    /// The share of correct answers (in percent) a quiz needs to be passed.
    public static let passingScore = 70.0
    /// `GET /recommendations` answers at most this many, best first.
    public static let maxRecommendations = 10
    /// Spaced review (Leitner boxes): a quiz passed for the n-th time in a row is due again after the n-th of these
    /// many days (the last one repeating); a failed quiz goes back to the first box and is due the next day.
    public static let reviewIntervalsDays = [1, 3, 7, 21]
    /// Days until a failed quiz is due again.
    public static let failedReviewDays = 1
}
