import Foundation

/// Projects/: projects, their claims and the create-with-analysis saga.
extension SchemaCatalog {
    static let projects: [String: OpenAPISchema] = [
        "Project": .object([
            "id": .uuid,
            "name": .string,
            "description": .string.described("Empty when the project was created without one."),
            "ownerId": .uuid,
            "collaborators": .array(.uuid),
            "status": .ref(ProjectStatus.self),
            "version": .integer.minimum(1).described("Grows by one with every update; compare with `If-Match`."),
            "createdAt": .dateTime,
            "updatedAt": .dateTime,
            "lock": .ref(ProjectLock.self).nullable.described("The current claim; null when no one holds it."),
        ]),
        "ProjectPage": page(of: "Project"),
        "ProjectStatus": .stringEnum(ProjectStatus.self),
        "ProjectLock": .object([
            "holderId": .uuid,
            "expiresAt": .dateTime,
        ]),
        "ClaimToken": .object([
            "id": .uuid.described("Send it back as `X-Claim-Token`."),
            "projectId": .uuid,
            "userId": .uuid,
            "fencingToken": .integer.formatted("int64").described("Strictly increases with every grant of the project's lock."),
            "expiresAt": .dateTime,
        ]),
        "LockStatus": .object([
            "locked": .boolean,
            "holderId": .uuid.optional,
            "expiresAt": .dateTime.optional,
        ]),
        "ProjectWithAnalysis": .object([
            "project": .ref(Project.self),
            "analysis": .ref(CodeAnalysis.self),
            "sagaId": .uuid,
        ]),
        "Saga": .object([
            "id": .uuid,
            "name": .string,
            "status": .ref(SagaStatus.self),
            "steps": .array(.ref("Saga.Step")),
        ]),
        "Saga.Step": .object([
            "name": .string,
            "status": .ref(SagaStepStatus.self),
            "startedAt": .dateTime.nullable,
            "finishedAt": .dateTime.nullable,
            "error": .string.optional.described("Why the step failed."),
        ]),
        "SagaStatus": .stringEnum(SagaStatus.self),
        "SagaStepStatus": .stringEnum(SagaStepStatus.self),

        // Requests, with the limits of `ProjectRules`.
        "CreateProjectRequest": .object([
            "name": .text(ProjectRules.name),
            "description": .text(ProjectRules.description).optional.nullable,
        ]),
        "UpdateProjectRequest": .object([
            "name": .text(ProjectRules.name).optional.nullable,
            "description": .text(ProjectRules.description).optional.nullable,
            "status": .ref(ProjectStatus.self).optional.nullable,
        ]),
        "ClaimRequest": .object([
            "ttlSeconds": .integer.range(ProjectRules.claimTTLSeconds)
                .defaulting(.number(Double(ProjectRules.defaultClaimTTLSeconds))).optional.nullable,
        ]),
        "AddCollaboratorRequest": .object([
            "userId": .uuidInput,
        ]),
        "CreateProjectWithAnalysisRequest": .object([
            "name": .text(ProjectRules.name),
            "description": .text(ProjectRules.description).optional.nullable,
            "code": code,
            "language": language.optional.nullable,
        ]),
    ]

    /// Source code to analyze. The real limit is in UTF-8 bytes; as characters it is an upper bound.
    static let code = OpenAPISchema.text(AIRules.code)
        .described("Source code, not blank, at most \(AIRules.maxCodeBytes) UTF-8 bytes (the AI gateway's limit; larger is 400 `VALIDATION_FAILED` on `code`).")

    /// A language tag such as `swift`.
    static let language = OpenAPISchema.text(ProjectRules.language)
}
