import Logging
import Metrics
import Prometheus

/// Process-wide logging and metrics set-up. Both swift-log and swift-metrics allow exactly one bootstrap per
/// process, so it happens here, once, however many applications a process (or a test run) builds.
public enum Observability {
    /// The Prometheus registry every metric of this process lands in; `/metrics` renders it.
    public static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        // Prometheus names allow [a-zA-Z0-9_:]; swift-metrics labels use dots (e.g. `http.server.request.duration`).
        factory.nameAndLabelSanitizer = { name, labels in
            (sanitize(name), labels.map { (sanitize($0.0), $0.1) })
        }
        MetricsSystem.bootstrap(factory)
        return registry
    }()

    private static let loggingBootstrap: Void = {
        LoggingSystem.bootstrap { label in
            var handler = LineLogHandler(label: label)
            handler.logLevel = .trace  // each Logger sets its own level
            return handler
        }
    }()

    /// Bootstraps logging and metrics (once) and returns a logger for the service.
    public static func setUp(service: String, level: Logger.Level) -> Logger {
        _ = loggingBootstrap
        _ = registry
        var logger = Logger(label: service)
        logger.logLevel = level
        return logger
    }

    static func sanitize(_ name: String) -> String {
        String(name.map { $0.isLetter || $0.isNumber || $0 == "_" || $0 == ":" ? $0 : "_" })
    }
}
