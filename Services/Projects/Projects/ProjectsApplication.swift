import Hummingbird
import Logging
import ServiceKit

/// The projects service. Until its issue lands it serves the shared routes only: `/health`, `/ready`
/// (its Redis and Postgres answer) and `/metrics`.
public enum ProjectsApplication {
    public static let defaultPort = 8082

    public static func build(settings: ServiceSettings) throws -> some ApplicationProtocol {
        let logger = Observability.setUp(service: settings.name, level: settings.logLevel)
        return try ServiceApplication.make(settings: settings, logger: logger)
    }
}
