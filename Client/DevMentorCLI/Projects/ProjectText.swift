import Contracts
import Foundation

/// A project in words for a terminal.
enum ProjectText {
    static func lock(_ lock: ProjectLock?, me: UUID) -> String {
        guard let lock else { return "free" }
        let who = lock.holderId == me ? "you" : "user \(Format.id(lock.holderId))"
        return "claimed by \(who) until \(Format.time(lock.expiresAt))"
    }

    static func details(_ project: Project, me: UUID) -> String {
        var lines = [
            "\(project.name)  (\(project.status.rawValue), version \(project.version))",
            "id             \(Format.id(project.id))",
            "owner          \(project.ownerId == me ? "you" : Format.id(project.ownerId))",
            "collaborators  \(project.collaborators.isEmpty ? "none" : project.collaborators.map(Format.id).joined(separator: ", "))",
            "lock           \(lock(project.lock, me: me))",
            "updated        \(Format.time(project.updatedAt))",
        ]
        if !project.description.isEmpty { lines += ["", project.description] }
        return lines.joined(separator: "\n")
    }

    static func row(_ project: Project, me: UUID) -> [String] {
        [Format.id(project.id), project.name, project.status.rawValue, String(project.version), lock(project.lock, me: me)]
    }

    static let header = ["ID", "NAME", "STATUS", "VERSION", "LOCK"]
}
