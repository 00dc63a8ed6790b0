import Foundation

/// Every route of docs/api.md, in its order. The gateway routes from this list and `/openapi.json` is generated from it,
/// so a route missing here does not exist.
public enum RouteTable {
    public static let all: [RouteDescriptor] = gateway + auth + projects + ai + learning + memory

    /// The routes a service answers.
    public static func routes(of service: ServiceName) -> [RouteDescriptor] {
        all.filter { $0.service == service }
    }

    private typealias Route = RouteDescriptor
    private typealias Response = RouteDescriptor.Response
    private typealias Parameter = RouteDescriptor.Parameter

    private static let ticketParameter = Parameter.query(
        EventTicketRules.queryParameter, "A ticket of `POST /api/v1/events/ticket`, in place of the `Authorization` header (browsers)."
    )
    private static let claimTokenHeader = Parameter.header(ProjectHeaders.claimToken, required: true, "The `id` of the caller's claim.")

    static let gateway: [RouteDescriptor] = [
        Route(
            method: .get, path: "/health", service: .gateway, access: .public, rateLimit: .none, operationId: "gateway.health",
            summary: "Aggregated health of the gateway and every service; 503 when a service is down.",
            response: .json(200, HealthReport.self), errors: [.serviceUnavailable]
        ),
        Route(
            method: .get, path: "/metrics", service: .gateway, access: .public, rateLimit: .none, operationId: "gateway.metrics",
            summary: "Prometheus text exposition: requests and latency per route and upstream, breaker states, rate-limit rejections.",
            response: Response(status: 200, body: nil, contentType: Response.prometheusContentType)
        ),
        Route(
            method: .get, path: "/.well-known/jwks.json", service: .gateway, access: .public, operationId: "gateway.jwks",
            summary: "The auth service's public signing keys, each with its `kid`; several during a key rotation.",
            response: .json(200, JWKSet.self)
        ),
        Route(
            method: .get, path: "/openapi.json", service: .gateway, access: .public, operationId: "gateway.openapi",
            summary: "The OpenAPI 3.1 document of every public route, generated from this table.",
            response: Response(status: 200, body: nil, contentType: Response.jsonContentType)
        ),
        Route(
            method: .get, path: "/api/admin/circuit-breakers", service: .gateway, access: .admin, operationId: "gateway.circuitBreakers",
            summary: "The gateway's per-upstream circuit breakers.",
            response: .jsonArray(200, of: CircuitBreakerStatus.self)
        ),
        Route(
            method: .post, path: "/api/admin/circuit-breakers/{name}/reset", service: .gateway, access: .admin,
            operationId: "gateway.resetCircuitBreaker",
            summary: "Closes a breaker and clears its window.",
            response: .empty(204), errors: [.notFound]
        ),
        Route(
            method: .get, path: "/api/v1/events", service: .gateway, access: .authenticated, acceptsTicket: true, operationId: "gateway.events",
            summary: "Server-Sent Events: the domain events visible to the caller; `event:` is the type, `id:` the stream entry id.",
            response: .eventStream(of: EventEnvelope.self),
            parameters: [
                .header("Last-Event-ID", required: false, "Resume after this stream entry id."),
                .query("lastEventId", "Resume after this stream entry id (for clients that cannot set headers; the header wins)."),
                ticketParameter,
            ]
        ),
        Route(
            method: .post, path: "/api/v1/events/ticket", service: .gateway, access: .authenticated, operationId: "gateway.eventTicket",
            summary: "A one-time ticket, valid a few seconds, that authenticates one `EventSource` or `WebSocket` of the caller.",
            response: .json(201, EventTicket.self), errors: [.serviceUnavailable]
        ),
        Route(
            method: .get, path: "/api/v1/ws", service: .gateway, access: .authenticated, acceptsTicket: true, operationId: "gateway.webSocket",
            summary: "WebSocket upgrade: the events of `/api/v1/events` as `FeedServerMessage` frames; `FeedClientMessage` subscribes to one project's events.",
            response: .webSocket(receives: FeedServerMessage.self, sends: FeedClientMessage.self),
            parameters: [.query("lastEventId", "Resume after this stream entry id."), ticketParameter]
        ),
    ]

    static let auth: [RouteDescriptor] = [
        Route(
            method: .post, path: "/api/v1/auth/register", service: .auth, access: .public, rateLimit: .credentials, operationId: "auth.register",
            summary: "Creates a user.",
            requestBody: TypeName.of(RegisterRequest.self), response: .json(201, RegisterResponse.self), errors: [.emailTaken]
        ),
        Route(
            method: .post, path: "/api/v1/auth/login", service: .auth, access: .public, rateLimit: .credentials, operationId: "auth.authenticate",
            summary: "Exchanges email and password for an access and a refresh token.",
            requestBody: TypeName.of(LoginRequest.self), response: .json(200, AuthToken.self), errors: [.invalidCredentials]
        ),
        Route(
            method: .post, path: "/api/v1/auth/refresh", service: .auth, access: .public, operationId: "auth.refreshToken",
            summary: "Rotates the refresh token; presenting a spent one revokes its whole session.",
            requestBody: TypeName.of(RefreshRequest.self), response: .json(200, AuthToken.self),
            errors: [.unauthorized, .tokenExpired, .tokenRevoked]
        ),
        Route(
            method: .post, path: "/api/v1/auth/validate", service: .auth, access: .public, operationId: "auth.validateToken",
            summary: "Says whether a token is valid, and why not.",
            requestBody: TypeName.of(TokenRequest.self), response: .json(200, TokenValidation.self)
        ),
        Route(
            method: .post, path: "/api/v1/auth/revoke", service: .auth, access: .authenticated, operationId: "auth.revokeToken",
            summary: "Revokes an access or refresh token everywhere.",
            requestBody: TypeName.of(TokenRequest.self), response: .empty(204)
        ),
        Route(
            method: .get, path: "/api/v1/auth/me", service: .auth, access: .authenticated, operationId: "auth.currentUser",
            summary: "The calling user.",
            response: .json(200, User.self)
        ),
        Route(
            method: .get, path: "/api/v1/auth/users", service: .auth, access: .authenticated, operationId: "auth.findUser",
            summary: "The profile (id, display name) of the user with this email; 404 when there is none.",
            response: .json(200, UserProfile.self), errors: [.notFound],
            parameters: [.init(name: "email", location: .query, required: true, summary: "The email to look up.")]
        ),
        Route(
            method: .get, path: "/api/v1/auth/users/{id}", service: .auth, access: .authenticated, operationId: "auth.userProfile",
            summary: "A user's profile: id and display name (what the console shows for a lock's holder or a collaborator).",
            response: .json(200, UserProfile.self)
        ),
        Route(
            method: .post, path: "/api/v1/auth/sessions", service: .auth, access: .authenticated, operationId: "auth.createSession",
            summary: "Starts a session.",
            response: .json(201, Session.self)
        ),
        Route(
            method: .get, path: "/api/v1/auth/sessions/{id}", service: .auth, access: .authenticated, operationId: "auth.validateSession",
            summary: "Whether a session of the caller is still valid.",
            response: .json(200, SessionValidity.self), errors: [.notFound]
        ),
        Route(
            method: .delete, path: "/api/v1/auth/sessions/{id}", service: .auth, access: .authenticated, operationId: "auth.terminateSession",
            summary: "Ends a session; every token of it stops working.",
            response: .empty(204), errors: [.notFound]
        ),
    ]

    static let projects: [RouteDescriptor] = [
        Route(
            method: .post, path: "/api/v1/projects", service: .projects, access: .authenticated, operationId: "projects.create",
            summary: "Creates a project owned by the caller.",
            requestBody: TypeName.of(CreateProjectRequest.self), response: .json(201, Project.self)
        ),
        Route(
            method: .get, path: "/api/v1/projects", service: .projects, access: .authenticated, operationId: "projects.list",
            summary: "The projects the caller owns or collaborates on, a page at a time.",
            response: .json(200, Page<Project>.self),
            parameters: [.query("limit", "Page size, 1...100 (default 20)."), .query("cursor", "The `nextCursor` of the previous page.")]
        ),
        Route(
            method: .get, path: "/api/v1/projects/{id}", service: .projects, access: .authenticated, operationId: "projects.findById",
            summary: "A project the caller owns or collaborates on.",
            response: .json(200, Project.self), errors: [.notFound]
        ),
        Route(
            method: .patch, path: "/api/v1/projects/{id}", service: .projects, access: .authenticated, operationId: "projects.update",
            summary: "Changes a project under the caller's claim; `version` grows by one.",
            requestBody: TypeName.of(UpdateProjectRequest.self), response: .json(200, Project.self),
            errors: [.notFound, .resourceLocked, .claimRequired, .staleClaim, .versionConflict],
            parameters: [
                .header(ProjectHeaders.claimToken, required: false, "The `id` of the caller's claim; without it 428 or 423."),
                .header(ProjectHeaders.ifMatch, required: false, "`\"<version>\"`: update only if the project is still at this version."),
            ]
        ),
        Route(
            method: .delete, path: "/api/v1/projects/{id}", service: .projects, access: .authenticated, operationId: "projects.delete",
            summary: "Deletes a project; owner only.",
            response: .empty(204), errors: [.forbidden, .notFound]
        ),
        Route(
            method: .post, path: "/api/v1/projects/{id}/claim", service: .projects, access: .authenticated, operationId: "projects.claim",
            summary: "Claims the project's lock for `ttlSeconds` (default 300).",
            requestBody: TypeName.of(ClaimRequest.self), requestBodyRequired: false, response: .json(201, ClaimToken.self), errors: [.notFound, .resourceLocked]
        ),
        Route(
            method: .post, path: "/api/v1/projects/{id}/claim/renew", service: .projects, access: .authenticated, operationId: "projects.renewClaim",
            summary: "Extends the caller's claim.",
            response: .json(200, ClaimToken.self), errors: [.notFound, .staleClaim, .claimRequired], parameters: [claimTokenHeader]
        ),
        Route(
            method: .delete, path: "/api/v1/projects/{id}/claim", service: .projects, access: .authenticated, operationId: "projects.release",
            summary: "Releases the caller's claim; never someone else's.",
            response: .empty(204), errors: [.notFound, .staleClaim, .claimRequired], parameters: [claimTokenHeader]
        ),
        Route(
            method: .get, path: "/api/v1/projects/{id}/lock", service: .projects, access: .authenticated, operationId: "projects.isLocked",
            summary: "Whether the project is claimed, by whom and until when.",
            response: .json(200, LockStatus.self), errors: [.notFound]
        ),
        Route(
            method: .post, path: "/api/v1/projects/{id}/collaborators", service: .projects, access: .authenticated,
            operationId: "projects.addCollaborator",
            summary: "Adds a collaborator; owner only.",
            requestBody: TypeName.of(AddCollaboratorRequest.self), response: .empty(204), errors: [.forbidden, .notFound, .conflict]
        ),
        Route(
            method: .delete, path: "/api/v1/projects/{id}/collaborators/{userId}", service: .projects, access: .authenticated,
            operationId: "projects.removeCollaborator",
            summary: "Removes a collaborator; owner only.",
            response: .empty(204), errors: [.forbidden, .notFound]
        ),
        Route(
            method: .post, path: "/api/v1/projects/with-analysis", service: .projects, access: .authenticated,
            operationId: "projects.createWithAnalysis",
            summary: "Saga: creates the project, then has the AI gateway analyze the code; a failed analysis deletes the project again "
                + "(400 VALIDATION_FAILED when the AI gateway refused the code or language itself, 502 SAGA_FAILED otherwise).",
            requestBody: TypeName.of(CreateProjectWithAnalysisRequest.self), response: .json(201, ProjectWithAnalysis.self),
            errors: [.sagaFailed]
        ),
        Route(
            method: .get, path: "/api/v1/projects/sagas/{sagaId}", service: .projects, access: .authenticated, operationId: "projects.saga",
            summary: "A saga's status and steps.",
            response: .json(200, Saga.self), errors: [.notFound]
        ),
    ]

    static let ai: [RouteDescriptor] = [
        Route(
            method: .post, path: "/api/v1/ai/analyze", service: .ai, access: .authenticated, operationId: "ai.analyzeCode",
            summary: "Analyzes code with every knowledge agent on a blackboard and synthesizes a solution.",
            requestBody: TypeName.of(AnalyzeCodeRequest.self), response: .json(200, CodeAnalysis.self)
        ),
        Route(
            method: .post, path: "/api/v1/ai/suggestions", service: .ai, access: .authenticated, operationId: "ai.generateSuggestions",
            summary: "Improvement suggestions for code, most urgent first.",
            requestBody: TypeName.of(SuggestionsRequest.self), response: .jsonArray(200, of: Suggestion.self)
        ),
        Route(
            method: .post, path: "/api/v1/ai/blackboards", service: .ai, access: .authenticated, operationId: "ai.initializeBlackboard",
            summary: "Opens a blackboard for a problem.",
            requestBody: TypeName.of(CreateBlackboardRequest.self), response: .json(201, Blackboard.self)
        ),
        Route(
            method: .post, path: "/api/v1/ai/blackboards/{id}/knowledge", service: .ai, access: .authenticated,
            operationId: "ai.contributeKnowledge",
            summary: "Adds a piece of knowledge to a blackboard.",
            requestBody: TypeName.of(Knowledge.self), response: .empty(202), errors: [.notFound]
        ),
        Route(
            method: .post, path: "/api/v1/ai/blackboards/{id}/run", service: .ai, access: .authenticated, operationId: "ai.runBlackboard",
            summary: "Lets every agent contribute.",
            response: .json(200, BlackboardRunResult.self), errors: [.notFound]
        ),
        Route(
            method: .get, path: "/api/v1/ai/blackboards/{id}", service: .ai, access: .authenticated, operationId: "ai.blackboard",
            summary: "A blackboard with its problem and contributions.",
            response: .json(200, BlackboardDetail.self), errors: [.notFound]
        ),
        Route(
            method: .post, path: "/api/v1/ai/blackboards/{id}/solution", service: .ai, access: .authenticated,
            operationId: "ai.synthesizeSolution",
            summary: "Synthesizes the contributions into a solution.",
            response: .json(200, Solution.self), errors: [.notFound]
        ),
        Route(
            method: .post, path: "/api/v1/ai/conversations", service: .ai, access: .authenticated, operationId: "ai.startConversation",
            summary: "Starts a conversation with the assistant.",
            response: .json(201, Conversation.self)
        ),
        Route(
            method: .post, path: "/api/v1/ai/conversations/{id}/messages", service: .ai, access: .authenticated,
            operationId: "ai.sendMessage",
            summary: "Sends a message and returns the assistant's answer.",
            requestBody: TypeName.of(SendMessageRequest.self), response: .json(200, SendMessageResponse.self), errors: [.notFound]
        ),
        Route(
            method: .get, path: "/api/v1/ai/conversations/{id}/stream", service: .ai, access: .authenticated,
            operationId: "ai.streamResponse",
            summary: "The latest answer as `token` events, then one `done` event.",
            response: .eventStream(of: StreamEvent.self), errors: [.notFound]
        ),
        Route(
            method: .get, path: "/api/v1/ai/providers", service: .ai, access: .authenticated, operationId: "ai.providers",
            summary: "The model providers in fallback order, with their breakers.",
            response: .jsonArray(200, of: ProviderStatus.self)
        ),
    ]

    static let learning: [RouteDescriptor] = [
        Route(
            method: .get, path: "/api/v1/learning/path", service: .learning, access: .authenticated, operationId: "learning.getPath",
            summary: "The caller's learning path.",
            response: .json(200, LearningPath.self)
        ),
        Route(
            method: .put, path: "/api/v1/learning/progress", service: .learning, access: .authenticated,
            operationId: "learning.updateProgress",
            summary: "Records the caller's progress in a module.",
            requestBody: TypeName.of(UpdateProgressRequest.self), response: .empty(204), errors: [.notFound]
        ),
        Route(
            method: .get, path: "/api/v1/learning/quizzes", service: .learning, access: .authenticated, operationId: "learning.listQuizzes",
            summary: "Every quiz.",
            response: .jsonArray(200, of: QuizSummary.self)
        ),
        Route(
            method: .get, path: "/api/v1/learning/quizzes/{id}", service: .learning, access: .authenticated, operationId: "learning.getQuiz",
            summary: "A quiz's questions, without the answers.",
            response: .json(200, Quiz.self), errors: [.notFound]
        ),
        Route(
            method: .post, path: "/api/v1/learning/quizzes/{id}/answers", service: .learning, access: .authenticated,
            operationId: "learning.submitAnswer",
            summary: "Scores the caller's answers to a quiz.",
            requestBody: TypeName.of(SubmitAnswersRequest.self), response: .json(200, QuizResult.self), errors: [.notFound]
        ),
        Route(
            method: .get, path: "/api/v1/learning/recommendations", service: .learning, access: .authenticated,
            operationId: "learning.getRecommendations",
            summary: "Modules to study next, from quiz results and activity in the other services.",
            response: .jsonArray(200, of: Recommendation.self)
        ),
        Route(
            method: .get, path: "/api/v1/learning/agents/status", service: .learning, access: .authenticated,
            operationId: "learning.agentStatus",
            summary: "The learning actors and their mailboxes.",
            response: .jsonArray(200, of: AgentStatus.self)
        ),
    ]

    static let memory: [RouteDescriptor] = [
        Route(
            method: .put, path: "/api/v1/memory/kv/{key}", service: .memory, access: .authenticated, operationId: "memory.store",
            summary: "Stores a JSON value under one of the caller's keys, optionally with a TTL.",
            requestBody: TypeName.of(StoreValueRequest.self), response: .empty(204)
        ),
        Route(
            method: .get, path: "/api/v1/memory/kv/{key}", service: .memory, access: .authenticated, operationId: "memory.retrieve",
            summary: "A stored value; 404 after expiry or delete.",
            response: .json(200, MemoryEntry.self), errors: [.notFound]
        ),
        Route(
            method: .get, path: "/api/v1/memory/kv", service: .memory, access: .authenticated, operationId: "memory.listKeys",
            summary: "The caller's keys matching a glob, a page at a time (a walk of Redis' SCAN: a key present throughout is "
                + "listed at least once; a page may hold fewer than `limit` keys while `nextCursor` is set).",
            response: .json(200, Page<MemoryKeyInfo>.self),
            parameters: [
                .query("pattern", "A glob over the caller's keys, e.g. `cache:*` (default `*`)."),
                .query("limit", "Keys per page at most, 1...1000 (default 100)."),
                .query("cursor", "The `nextCursor` of the previous page."),
            ]
        ),
        Route(
            method: .delete, path: "/api/v1/memory/kv/{key}", service: .memory, access: .authenticated, operationId: "memory.delete",
            summary: "Deletes a stored value.",
            response: .empty(204)
        ),
        Route(
            method: .put, path: "/api/v1/memory/embeddings/{id}", service: .memory, access: .authenticated,
            operationId: "memory.storeEmbedding",
            summary: "Stores an embedding vector; every vector of a user has the length of the first, and a user stores at most "
                + "MEMORY_MAX_VECTORS_PER_USER (100 000 by default) of them.",
            requestBody: TypeName.of(StoreEmbeddingRequest.self), response: .empty(204), errors: [.dimensionMismatch, .vectorLimitReached]
        ),
        Route(
            method: .post, path: "/api/v1/memory/embeddings/search", service: .memory, access: .authenticated,
            operationId: "memory.findSimilar",
            summary: "The caller's embeddings closest to a vector by cosine similarity, best first.",
            requestBody: TypeName.of(SimilaritySearchRequest.self), response: .jsonArray(200, of: SimilarityMatch.self),
            errors: [.dimensionMismatch]
        ),
        Route(
            method: .post, path: "/api/v1/memory/invalidate", service: .memory, access: .authenticated, operationId: "memory.invalidate",
            summary: "Deletes the caller's keys matching a glob.",
            requestBody: TypeName.of(InvalidateRequest.self), response: .json(200, InvalidateResult.self)
        ),
        Route(
            method: .post, path: "/api/v1/memory/flush", service: .memory, access: .authenticated, operationId: "memory.flush",
            summary: "Deletes all of the caller's keys and embeddings.",
            response: .empty(204)
        ),
    ]
}
