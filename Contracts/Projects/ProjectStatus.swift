import Foundation

public enum ProjectStatus: String, Codable, Sendable, CaseIterable {
    case active
    case archived
}
