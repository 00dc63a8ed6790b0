import Contracts
import Foundation

/// One JSON encoder and decoder per process with the fleet's settings. Foundation's coders keep no state between
/// calls, so sharing them across tasks is safe.
public enum SharedCoders {
    public static let encoder = JSONCoding.makeEncoder()
    public static let decoder = JSONCoding.makeDecoder()
}
