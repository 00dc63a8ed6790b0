import Foundation

/// `POST /api/v1/projects` → `{name, description?}`.
public struct CreateProjectRequest: Codable, Sendable, Equatable, Validatable {
    public var name: String
    public var description: String?

    public init(name: String, description: String? = nil) {
        self.name = name
        self.description = description
    }

    public func validate() throws(AppError) {
        try ProjectRules.validateName(name)
        try ProjectRules.validateDescription(description)
    }
}

/// `PATCH /api/v1/projects/{id}` → `{name?, description?, status?}`; absent fields stay as they are.
public struct UpdateProjectRequest: Codable, Sendable, Equatable, Validatable {
    public var name: String?
    public var description: String?
    public var status: ProjectStatus?

    public init(name: String? = nil, description: String? = nil, status: ProjectStatus? = nil) {
        self.name = name
        self.description = description
        self.status = status
    }

    public func validate() throws(AppError) {
        if let name { try ProjectRules.validateName(name) }
        try ProjectRules.validateDescription(description)
    }
}

/// `POST /api/v1/projects/{id}/claim` → `{ttlSeconds?}`. An empty body means the defaults.
public struct ClaimRequest: Codable, Sendable, Equatable, Validatable {
    public var ttlSeconds: Int?

    public init(ttlSeconds: Int? = nil) { self.ttlSeconds = ttlSeconds }

    /// The TTL to grant: the requested one or the 300 s default.
    public var effectiveTTLSeconds: Int { ttlSeconds ?? ProjectRules.defaultClaimTTLSeconds }

    public func validate() throws(AppError) {
        if let ttlSeconds { try Check.range(ttlSeconds, "ttlSeconds", ProjectRules.claimTTLSeconds) }
    }
}

/// `POST /api/v1/projects/{id}/collaborators` → `{userId}`.
public struct AddCollaboratorRequest: Codable, Sendable, Equatable, Validatable {
    public var userId: UUID

    public init(userId: UUID) { self.userId = userId }

    /// Decoding already proved `userId` is a UUID; whether that user exists or is the owner is the service's call.
    public func validate() throws(AppError) {}
}

/// `POST /api/v1/projects/with-analysis` → `{name, description?, code, language?}`.
public struct CreateProjectWithAnalysisRequest: Codable, Sendable, Equatable, Validatable {
    public var name: String
    public var description: String?
    public var code: String
    public var language: String?

    public init(name: String, description: String? = nil, code: String, language: String? = nil) {
        self.name = name
        self.description = description
        self.code = code
        self.language = language
    }

    public func validate() throws(AppError) {
        try ProjectRules.validateName(name)
        try ProjectRules.validateDescription(description)
        // The code goes to the AI gateway, whose limit is stricter than the project's.
        try AIRules.validateCode(code)
        try ProjectRules.validateLanguage(language)
    }

    /// The first step of the saga.
    public var createRequest: CreateProjectRequest { CreateProjectRequest(name: name, description: description) }
    /// The second step of the saga.
    public var analyzeRequest: AnalyzeCodeRequest { AnalyzeCodeRequest(code: code, language: language) }
}
