import Contracts
import HTTPTypes
import Hummingbird
import ServiceKit

/// A project as JSON with its version as `ETag`, ready to be sent back as `If-Match` on the next PATCH.
struct ProjectResponse: ResponseGenerator {
    static let eTagHeader = HTTPField.Name(ProjectHeaders.eTag)!

    let project: Project
    let status: HTTPResponse.Status

    init(_ project: Project, status: HTTPResponse.Status = .ok) {
        self.project = project
        self.status = status
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = try JSONBody(project, status: status).response(from: request, context: context)
        response.headers[Self.eTagHeader] = ProjectHeaders.entityTag(version: project.version)
        return response
    }
}
