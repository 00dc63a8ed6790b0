/// One target of the issues and whether this run met it. A missing measurement is "not measured", never "met".
struct TargetCheck {
    enum Verdict: String {
        case met = "met"
        case missed = "**not met**"
        case notMeasured = "not measured"
    }

    let section: String
    let target: String
    let measured: String
    let verdict: Verdict

    /// `value >= minimum` (both present).
    static func atLeast(_ section: String, _ target: String, value: Double?, minimum: Double, shown: String) -> TargetCheck {
        guard let value, value.isFinite else { return TargetCheck(section: section, target: target, measured: Format.missing, verdict: .notMeasured) }
        return TargetCheck(section: section, target: target, measured: shown, verdict: value >= minimum ? .met : .missed)
    }

    /// `value < maximum` (present).
    static func below(_ section: String, _ target: String, value: Double?, maximum: Double, shown: String) -> TargetCheck {
        guard let value, value.isFinite else { return TargetCheck(section: section, target: target, measured: Format.missing, verdict: .notMeasured) }
        return TargetCheck(section: section, target: target, measured: shown, verdict: value < maximum ? .met : .missed)
    }

    /// `value <= maximum` (present).
    static func atMost(_ section: String, _ target: String, value: Double?, maximum: Double, shown: String) -> TargetCheck {
        guard let value, value.isFinite else { return TargetCheck(section: section, target: target, measured: Format.missing, verdict: .notMeasured) }
        return TargetCheck(section: section, target: target, measured: shown, verdict: value <= maximum ? .met : .missed)
    }
}
