import Foundation

// The project bodies written without `JSONEncoder` (`JSONTextWritable`): a page of 20 is the projects service's
// most frequent answer. Keys in sorted order, `lock` as `null` when nobody holds it — as `Project.encode(to:)`.
extension Project: JSONTextWritable {
    public func writeJSON(to out: inout JSONTextWriter) {
        out.raw("{")
        out.key("collaborators", first: true)
        out.uuids(collaborators)
        out.key("createdAt")
        out.date(createdAt)
        out.key("description")
        out.string(description)
        out.key("id")
        out.uuid(id)
        out.key("lock")
        out.value(lock)
        out.key("name")
        out.string(name)
        out.key("ownerId")
        out.uuid(ownerId)
        out.key("status")
        out.string(status.rawValue)
        out.key("updatedAt")
        out.date(updatedAt)
        out.key("version")
        out.integer(version)
        out.raw("}")
    }
}

extension ProjectLock: JSONTextWritable {
    public func writeJSON(to out: inout JSONTextWriter) {
        out.raw("{")
        out.key("expiresAt", first: true)
        out.date(expiresAt)
        out.key("holderId")
        out.uuid(holderId)
        out.raw("}")
    }
}
