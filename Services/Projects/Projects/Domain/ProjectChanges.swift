import Contracts

/// A validated PATCH: each field present is the new value, each absent one stays as it is.
struct ProjectChanges: Sendable, Equatable {
    var name: ProjectName?
    var description: ProjectDescription?
    var status: ProjectStatus?

    init(name: ProjectName? = nil, description: ProjectDescription? = nil, status: ProjectStatus? = nil) {
        self.name = name
        self.description = description
        self.status = status
    }

    init(_ request: UpdateProjectRequest) throws(AppError) {
        name = try request.name.map { (raw: String) throws(AppError) in try ProjectName(raw) }
        description = try request.description.map { (raw: String) throws(AppError) in try ProjectDescription(raw) }
        status = request.status
    }
}
