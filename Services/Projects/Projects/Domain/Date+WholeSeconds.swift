import Foundation

extension Date {
    /// docs/api.md timestamps have no fractions, so the service keeps none either: what it stores, returns in process
    /// and sends over HTTP are then the same instant, and cursors built from them compare exactly.
    var wholeSeconds: Date { Date(timeIntervalSince1970: timeIntervalSince1970.rounded(.down)) }
}
